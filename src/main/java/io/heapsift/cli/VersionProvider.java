package io.heapsift.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, or "dev". */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = HeapsiftCommand.class.getPackage().getImplementationVersion();
        return new String[] {"heapsift " + (v == null ? "dev" : v)};
    }
}
