package dev.serverlessspring.lambda.invoke;

import java.lang.reflect.Type;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.LambdaHeaders;
import dev.serverlessspring.lambda.XRayTraceHeader;
import dev.serverlessspring.lambda.http.HttpResponse;
import dev.serverlessspring.lambda.stream.ResponseStreams;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The function a Lambda handler serves: a Spring Cloud Function
 * {@link FunctionInvocationWrapper} (a single bean or a composition such as {@code a|b})
 * plus the conversions between Lambda payloads and the function's types.
 * <p>
 * Input and output conversion are done here rather than by Spring Cloud Function, so that
 * a bad event fails with a message naming the expected type.
 */
public final class LambdaFunction {

	private final String definition;

	private final FunctionInvocationWrapper function;

	private final PayloadConverter converter;

	private final @Nullable Type inputType;

	// Asked by every event adapter on every invocation: resolved once here.
	private final @Nullable Class<?> inputClass;

	private final boolean takesAwsEvent;

	private volatile @Nullable Boolean streaming;

	public LambdaFunction(String definition, FunctionInvocationWrapper function, PayloadConverter converter) {
		this.definition = definition;
		this.function = function;
		this.converter = converter;
		this.function.setSkipInputConversion(true);
		this.function.setSkipOutputConversion(true);
		Type type = function.getInputType();
		this.inputType = (type != null) ? function.getItemType(type) : null;
		this.inputClass = (this.inputType != null) ? ResolvableType.forType(this.inputType).resolve(Object.class)
				: null;
		this.takesAwsEvent = PayloadConverter.isAwsEventsClass(this.inputClass);
	}

	/**
	 * Return the function definition, such as {@code uppercase} or {@code parse|store}.
	 * @return the definition
	 */
	public String definition() {
		return this.definition;
	}

	/**
	 * Return the type of the value the function takes, with any {@code Message} wrapper
	 * removed.
	 * @return the input type, or {@code null} for a {@code Supplier}
	 */
	public @Nullable Type inputType() {
		return this.inputType;
	}

	/**
	 * Return the raw class of {@link #inputType()}.
	 * @return the input class, or {@code null} for a {@code Supplier}
	 */
	public @Nullable Class<?> inputClass() {
		return this.inputClass;
	}

	/**
	 * Whether the function takes a whole {@code aws-lambda-java-events} event, in which
	 * case event adapters leave the event alone.
	 * @return {@code true} for an AWS event input type
	 */
	public boolean takesAwsEvent() {
		return this.takesAwsEvent;
	}

	/**
	 * Whether the function takes a {@code Message}, and so sees the headers passed to
	 * {@link #invoke}; adapters need not compute headers for other functions.
	 * @return {@code true} for a {@code Message} input type
	 */
	public boolean takesMessage() {
		return this.function.isInputTypeMessage();
	}

	/**
	 * Whether the function returns a {@code Message}, whose headers then carry meaning.
	 * @return {@code true} for a {@code Message} output type
	 */
	public boolean returnsMessage() {
		return this.function.isOutputTypeMessage();
	}

	/**
	 * Whether the function's declared result streams: a {@code Publisher} (such as a
	 * {@code Flux}), a {@code java.util.stream.Stream} or a
	 * {@link dev.serverlessspring.lambda.stream.StreamingBody}, possibly as the payload
	 * of a {@code Message} or the body of an {@link HttpResponse}.
	 * @return {@code true} for a streaming function
	 */
	public boolean isStreaming() {
		Boolean streaming = this.streaming;
		if (streaming == null) {
			// Asked by the custom runtime's loop on every invocation: resolved once.
			streaming = streamingOutput();
			this.streaming = streaming;
		}
		return streaming;
	}

	private boolean streamingOutput() {
		Type type = this.function.getOutputType();
		if (type == null) {
			return false;
		}
		ResolvableType output = ResolvableType.forType(type);
		Class<?> raw = output.resolve(Object.class);
		if (raw == Message.class || raw == HttpResponse.class) {
			raw = output.getGeneric(0).resolve(Object.class);
		}
		return ResponseStreams.isStreamingType(raw);
	}

	/**
	 * Whether the function is a {@code Supplier}, which ignores its event.
	 * @return {@code true} for a supplier
	 */
	public boolean isSupplier() {
		return this.function.isSupplier();
	}

	/**
	 * Whether the function is a {@code Consumer}, which returns nothing.
	 * @return {@code true} for a consumer
	 */
	public boolean isConsumer() {
		return this.function.isConsumer();
	}

	/**
	 * Return the converter used for payloads.
	 * @return the payload converter
	 */
	public PayloadConverter converter() {
		return this.converter;
	}

	/**
	 * Read bytes as the function's input.
	 * @param payload the bytes
	 * @return the input value, or {@code null} for a supplier
	 * @throws InvalidEventException when the bytes do not fit the input type
	 */
	public @Nullable Object readInput(byte[] payload) {
		return (this.inputType != null) ? this.converter.read(payload, this.inputType) : null;
	}

	/**
	 * Read a JSON value as the function's input.
	 * @param json the value
	 * @return the input value, or {@code null} for a supplier
	 * @throws InvalidEventException when the value does not fit the input type
	 */
	public @Nullable Object readInput(JsonNode json) {
		return (this.inputType != null) ? this.converter.read(json, this.inputType) : null;
	}

	/**
	 * Call the function. A function that takes a {@code Message} receives the input with
	 * the Lambda headers ({@link LambdaHeaders}) and the given ones; others receive the
	 * input.
	 * @param input the converted input ({@code null} for a supplier)
	 * @param context the invocation's context
	 * @param headers further headers describing the event, may be empty
	 * @return the function's result: a {@code Message} when the function returns one,
	 * otherwise the plain value, or {@code null}
	 */
	public @Nullable Object invoke(@Nullable Object input, @Nullable Context context, Map<String, Object> headers) {
		Object result;
		if (this.function.isSupplier()) {
			result = this.function.get();
		}
		else {
			if (input == null) {
				String type = (this.inputType != null) ? this.inputType.getTypeName() : "the function's input";
				throw new InvalidEventException("Could not read the event as " + type + ": the event is empty or null",
						null);
			}
			MessageBuilder<Object> message = MessageBuilder.withPayload(input).copyHeaders(headers);
			if (context != null) {
				message.setHeader(LambdaHeaders.CONTEXT, context)
					.setHeader(LambdaHeaders.REQUEST_ID, context.getAwsRequestId())
					.setHeader(LambdaHeaders.INVOKED_FUNCTION_ARN, context.getInvokedFunctionArn());
			}
			String traceHeader = XRayTraceHeader.current();
			if (traceHeader != null) {
				message.setHeader(LambdaHeaders.TRACE_HEADER, traceHeader);
			}
			result = this.function.apply(message.build());
		}
		// Spring Cloud Function wraps plain results in a Message of its own; only a
		// Message the function itself returned has headers that mean something.
		if (result instanceof Message<?> envelope && !returnsMessage()) {
			return envelope.getPayload();
		}
		return result;
	}

	/**
	 * Write a result as the bytes of a Lambda response.
	 * @param result the result of {@link #invoke}
	 * @return the bytes, or {@code null} for none
	 */
	public byte @Nullable [] writeOutput(@Nullable Object result) {
		return this.converter.write(result);
	}

	@Override
	public String toString() {
		return "LambdaFunction[" + this.definition + "]";
	}

}
