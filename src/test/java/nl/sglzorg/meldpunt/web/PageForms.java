package nl.sglzorg.meldpunt.web;

import static io.restassured.RestAssured.given;

import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.TestData;

/** A browser's side of the page forms, for tests without a browser: the CSRF cookie and token. */
public final class PageForms {

    public static final String COOKIE = "meldpunt-csrf";
    public static final String FIELD = "csrf-token";
    private static final Pattern TOKEN = Pattern.compile("name=\"" + FIELD + "\" value=\"([^\"]+)\"");

    /** The reference a receipt page shows. */
    public static final Pattern REFERENCE = Pattern.compile("id=\"reference\">(SGL-[0-9]{4}-[0-9]+)<");
    /** The tracking code a receipt page shows. */
    public static final Pattern CODE = Pattern.compile("id=\"token\">([A-Za-z0-9_-]{43})<");

    /** The reference and the code a receipt page shows. */
    public record Receipt(String reference, String code) {

        public static Receipt of(Response page) {
            return new Receipt(hidden(page.asString(), REFERENCE), hidden(page.asString(), CODE));
        }
    }

    public final String cookie;
    public final String token;

    private PageForms(String cookie, String token) {
        this.cookie = cookie;
        this.token = token;
    }

    /** Opens a page as a browser does, keeping its CSRF cookie and the token in its form. */
    public static PageForms open(String path) {
        Response page = given().get(path);
        page.then().statusCode(200);
        return new PageForms(page.cookie(COOKIE), hidden(page.asString(), TOKEN));
    }

    /** A form post with the cookie and token, as the browser would send it. */
    public RequestSpecification post() {
        return given().cookie(COOKIE, cookie).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .redirects().follow(false).formParam(FIELD, token);
    }

    /**
     * A multipart form post with the cookie and token, as a browser sends a form with a file input,
     * from a client address of its own (each screenshot counts against the reporter's limits).
     */
    public RequestSpecification upload() {
        return given().cookie(COOKIE, cookie).contentType("multipart/form-data").redirects().follow(false)
                .header("X-Forwarded-For", TestData.freshClient()).multiPart(FIELD, token);
    }

    /** Adds these fields as text parts. */
    public static RequestSpecification fields(RequestSpecification request, Map<String, String> fields) {
        fields.forEach((name, value) -> request.multiPart(new MultiPartSpecBuilder(value).controlName(name)
                .charset(StandardCharsets.UTF_8).build()));
        return request;
    }

    /** The fields of a minimal valid signal as the form names them. */
    public static Map<String, String> validSignal() {
        Map<String, String> form = new HashMap<>();
        form.put("category", "MENTION");
        form.put("platform", "FACEBOOK");
        form.put("topic", "GENERAL");
        form.put("description", "Op Facebook wordt over SGL geschreven.");
        form.put("lang", "nl");
        return form;
    }

    public static String hidden(String html, Pattern pattern) {
        Matcher matcher = pattern.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("not found on the page: " + pattern + "\n" + html);
        }
        return matcher.group(1);
    }

    /**
     * A token that differs from this page's in its first character only: a forged one that looks
     * right. (Always "x" first was this page's own token one time in 64.)
     */
    public String wrongToken() {
        return (token.charAt(0) == 'x' ? "y" : "x") + token.substring(1);
    }
}
