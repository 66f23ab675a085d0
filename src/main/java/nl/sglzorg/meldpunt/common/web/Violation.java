package nl.sglzorg.meldpunt.common.web;

/**
 * One reason a request was refused: the JSON path of the offending field and a message in Dutch.
 */
public record Violation(String field, String message) {
}
