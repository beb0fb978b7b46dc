package io.meridian.sandbox.etcd;

/** An etcd ring or member could not be started, stopped or reached as asked; the message says why and what to do. */
public class EtcdRingException extends RuntimeException {

    public EtcdRingException(String message) {
        super(message);
    }

    public EtcdRingException(String message, Throwable cause) {
        super(message, cause);
    }
}
