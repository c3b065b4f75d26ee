/**
 * Writers that render finished results (tables now; analyses later) as text, CSV and JSON.
 * Reporters only read results; they never compute anything a result does not already hold.
 */
package io.heapsift.report;
