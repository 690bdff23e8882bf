package dev.serverlessspring.benchmarks;

/**
 * What one run of one subject measured.
 *
 * @param coldNanos process start to the first answer
 * @param coldCpuNanos the CPU time the process used up to its first answer (10 ms
 * resolution)
 * @param initNanos process start to the runtime's first {@code /next}: the handler is
 * loaded
 * @param firstNanos the first invocation, {@code /next} served to answer received
 * @param warmNanos the later invocations, sorted
 * @param peakRssKilobytes the process's peak resident set ({@code VmHWM})
 * @param inHandlerNanos for a timed subject, the handler's own time per invocation, the
 * first one first, the warm ones sorted after it; otherwise empty
 */
record Measurement(long coldNanos, long coldCpuNanos, long initNanos, long firstNanos, long[] warmNanos,
		long peakRssKilobytes, long[] inHandlerNanos) {

	double coldMillis() {
		return this.coldNanos / 1e6;
	}

	double coldCpuMillis() {
		return this.coldCpuNanos / 1e6;
	}

	double initMillis() {
		return this.initNanos / 1e6;
	}

	double firstMillis() {
		return this.firstNanos / 1e6;
	}

	/**
	 * Return the first invocation's time over the warm invocations' median.
	 * @return the ratio
	 */
	double firstOverWarm() {
		return this.firstNanos / 1e3 / warmMicros(50);
	}

	/**
	 * Return the handler's own time in the first invocation, for a timed subject.
	 * @return the time in microseconds, or NaN
	 */
	double inHandlerFirstMicros() {
		return (this.inHandlerNanos.length > 0) ? this.inHandlerNanos[0] / 1e3 : Double.NaN;
	}

	/**
	 * Return the median of the handler's own time in the warm invocations, for a timed
	 * subject.
	 * @return the time in microseconds, or NaN
	 */
	double inHandlerWarmMicros() {
		int warm = this.inHandlerNanos.length - 1;
		return (warm > 0) ? this.inHandlerNanos[1 + (warm - 1) / 2] / 1e3 : Double.NaN;
	}

	/**
	 * Return a percentile of the warm invocations.
	 * @param percentile between 0 and 100
	 * @return the invocation time in microseconds, or NaN without warm invocations
	 */
	double warmMicros(double percentile) {
		if (this.warmNanos.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile / 100 * this.warmNanos.length) - 1;
		return this.warmNanos[Math.max(0, Math.min(index, this.warmNanos.length - 1))] / 1e3;
	}

}
