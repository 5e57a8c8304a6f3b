/** A send that did not go through; `permanent` ones are not retried (a 5xx from SMTP, a 4xx from the SMS gateway). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}
