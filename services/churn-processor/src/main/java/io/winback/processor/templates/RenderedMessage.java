package io.winback.processor.templates;

/**
 * A message ready for the outreach desk.
 *
 * @param subject null for PHONE, IN_PERSON and WHATSAPP, which have no subject line
 * @param text    plain text, no HTML
 */
public record RenderedMessage(String subject, String text) {}
