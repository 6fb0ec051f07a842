package io.winback.desk.web;

/** A one-line message shown after a redirect (flash attribute "notice"); rendered escaped. */
public record Notice(Kind kind, String text) implements java.io.Serializable {

  public enum Kind { SUCCESS, ERROR }

  public static Notice success(String text) {
    return new Notice(Kind.SUCCESS, text);
  }

  public static Notice error(String text) {
    return new Notice(Kind.ERROR, text);
  }

  public boolean error() {
    return kind == Kind.ERROR;
  }
}
