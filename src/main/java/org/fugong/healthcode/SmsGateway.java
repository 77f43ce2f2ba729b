package org.fugong.healthcode;

/** Sends a one-time code by SMS. The default implementation only logs that a code was sent (with a masked number). */
public interface SmsGateway {

    void sendCode(String phone, String code);
}
