package io.winback.desk.web;

/**
 * The record-outcome form as posted. Lengths are checked by TaskActions (the one place for the
 * desk's rules); the form's maxlength attributes only save people a round trip.
 */
public class OutcomeForm implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private String outcome;
  private String category;
  private String text;
  /** From {@code <input type="datetime-local">}: 2026-11-30T10:00, in the desk's zone. */
  private String meetingAt;
  private String meetingPlace;

  public String getOutcome() {
    return outcome;
  }

  public void setOutcome(String outcome) {
    this.outcome = outcome;
  }

  public String getCategory() {
    return category;
  }

  public void setCategory(String category) {
    this.category = category;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getMeetingAt() {
    return meetingAt;
  }

  public void setMeetingAt(String meetingAt) {
    this.meetingAt = meetingAt;
  }

  public String getMeetingPlace() {
    return meetingPlace;
  }

  public void setMeetingPlace(String meetingPlace) {
    this.meetingPlace = meetingPlace;
  }
}
