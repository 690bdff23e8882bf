package dev.serverlessspring.example;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.serverlessspring.lambda.batch.BatchHeaders;
import dev.serverlessspring.lambda.batch.S3ObjectReference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The order service's functions for queues, topics, buckets, streams and events; each is
 * called once per record, and a record that fails is retried alone (see
 * {@code docs/batch.md}).
 */
@Configuration(proxyBeanMethods = false)
public class OrderEventFunctions {

	private static final Log logger = LogFactory.getLog(OrderEventFunctions.class);

	/**
	 * Prices each placed order (SQS queue, SQS FIFO queue or Kinesis stream). An unknown
	 * product or a quantity below 1 throws, which fails that order only.
	 * @param priceList the prices
	 * @return the function
	 */
	@Bean
	public Consumer<OrderPlaced> orderPlaced(PriceList priceList) {
		return (order) -> {
			Quote quote = priceList.quote(new QuoteRequest(order.sku(), order.quantity()));
			logger.info("Order " + order.orderId() + " accepted for " + quote.total() + " EUR");
		};
	}

	/**
	 * Records a payment announced on an SNS topic.
	 * @return the function
	 */
	@Bean
	public Consumer<Message<PaymentReceived>> paymentReceived() {
		return (message) -> logger.info("Payment for order " + message.getPayload().orderId()
				+ " received (SNS message " + message.getHeaders().get(BatchHeaders.SNS_MESSAGE_ID) + ")");
	}

	/**
	 * Files an invoice uploaded to the invoices bucket.
	 * @return the function
	 */
	@Bean
	public Consumer<S3ObjectReference> invoiceUploaded() {
		return (invoice) -> {
			if (!invoice.key().endsWith(".pdf")) {
				throw new IllegalArgumentException("Invoices are PDF files");
			}
			logger.info("Invoice " + invoice.key() + " (" + invoice.size() + " bytes) filed");
		};
	}

	/**
	 * Follows the changes of the {@code Orders} table (DynamoDB Streams).
	 * @return the function
	 */
	@Bean
	public Consumer<Message<OrderRow>> orderChanged() {
		return (message) -> logger.info("Order " + message.getPayload().orderId() + " "
				+ message.getHeaders().get(BatchHeaders.EVENT_NAME) + " (now " + message.getPayload().status() + ")");
	}

	/**
	 * Tells the customer that an order left the warehouse (EventBridge).
	 * @return the function, answering the notice it sends
	 */
	@Bean
	public Function<OrderShipped, String> orderShipped() {
		return (shipped) -> "Order " + shipped.orderId() + " is on its way with " + shipped.carrier()
				+ ", tracking number " + shipped.trackingNumber();
	}

	/**
	 * Runs every night (EventBridge schedule).
	 * @return the function
	 */
	@Bean
	public Supplier<String> nightlyReport() {
		return () -> "Nightly report done";
	}

}
