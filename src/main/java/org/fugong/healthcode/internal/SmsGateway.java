package org.fugong.healthcode.internal;

/** Sends a one-time code by SMS. The default implementation logs the code with the phone number masked. */
public interface SmsGateway {

    void sendCode(String phone, String code);
}
