package org.fugong.healthcode;

/** Sends a one-time code by SMS. The default implementation logs the code with the phone number masked. */
public interface SmsGateway {

    void sendCode(String phone, String code);
}
