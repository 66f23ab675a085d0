package nl.sglzorg.meldpunt.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import nl.sglzorg.meldpunt.routing.Informed;

/** A party informed of a ticket, as decided by routing and kept with the ticket. */
@Embeddable
public class InformedParty {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Informed.Kind kind;

    @Column(nullable = false)
    public String code;

    public String name;

    protected InformedParty() {
    }

    InformedParty(Informed informed) {
        this.kind = informed.kind();
        this.code = informed.code();
        this.name = informed.name();
    }

    public Informed toInformed() {
        return new Informed(kind, code, name);
    }

    /** Who was told, without their name: the same party whatever it was called then ({@link Ticket#mayJoin}). */
    static String key(String kind, String code) {
        return kind + ":" + code;
    }
}
