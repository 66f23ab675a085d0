package nl.sglzorg.meldpunt.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One CSV field as the export writes it: RFC 4180 quoting, and defused for a spreadsheet. */
class TicketExportFieldTest {

    @Test
    void shouldQuoteAsRfc4180AndDefuseWhatASpreadsheetWouldRun() {
        Map<String, String> table = new LinkedHashMap<>();
        table.put("SGL-2026-000123", "SGL-2026-000123");
        table.put("", "");
        table.put("Team Noord", "Team Noord");
        table.put("a;b", "\"a;b\"");
        table.put("a,b", "\"a,b\"");
        table.put("zegt \"hoi\"", "\"zegt \"\"hoi\"\"\"");
        table.put("regel\nregel", "\"regel\nregel\"");
        table.put("=1+2", "'=1+2");
        table.put("=HYPERLINK(\"http://x\";\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\"");
        table.put("+31 6", "'+31 6");
        table.put("-2", "'-2");
        table.put("@SUM(A1)", "'@SUM(A1)");
        table.put("\tcmd", "'\tcmd");
        table.put("\rcmd", "\"'\rcmd\"");
        table.put("a-b=c", "a-b=c");
        table.forEach((value, expected) -> assertEquals(expected, TicketExport.field(value), "[" + value + "]"));
    }
}
