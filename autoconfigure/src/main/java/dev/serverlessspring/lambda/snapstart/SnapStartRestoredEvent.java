package dev.serverlessspring.lambda.snapstart;

import org.springframework.context.ApplicationEvent;

/**
 * Published after Lambda restored the execution environment from a SnapStart snapshot,
 * before it serves an invocation: refresh here what must not be shared between the copies
 * of a snapshot, such as cached credentials, open connections or values seeded at
 * start-up. Listeners must be quick and must not throw.
 */
public class SnapStartRestoredEvent extends ApplicationEvent {

	public SnapStartRestoredEvent(Object source) {
		super(source);
	}

}
