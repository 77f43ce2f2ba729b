package org.fugong.healthcode;

import org.fugong.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A citizen asks for a correction; the health bureau accepts it (the colour is computed again) or refuses. */
class CorrectionTests extends IntegrationTest {

    @Autowired
    Persons persons;
    @Autowired
    Declarations declarations;
    @Autowired
    Corrections corrections;

    @Test
    void anAcceptedCorrectionClearsWhatWasDeclaredBefore() {
        var person = persons.identify(HealthCodeTests.residentId(new Random()), "尤九", "13800002323").id();
        assertThat(declarations.declare(person, new Declarations.DeclarationInput(List.of(), true, CodeRules.Symptoms.NONE,
                36.5, null)).colour()).isEqualTo(CodeColour.RED);
        corrections.request(person, "I ticked the contact box by mistake");
        assertThatThrownBy(() -> corrections.request(person, "again")).isInstanceOf(InvalidDeclarationException.class);
        long id = corrections.pending().stream().filter(c -> c.personId().equals(person)).findFirst().orElseThrow().id();
        assertThatThrownBy(() -> corrections.decide(actor("labour"), id, true, "ok")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> corrections.decide(actor("health"), id, true, " ")).isInstanceOf(InvalidDeclarationException.class);
        assertThat(corrections.decide(actor("health"), id, true, "Checked with the community").colour()).isEqualTo(CodeColour.GREEN);
        assertThat(persons.colour(person)).isEqualTo(CodeColour.GREEN);
        assertThatThrownBy(() -> corrections.decide(actor("health"), id, false, "twice")).isInstanceOf(InvalidDeclarationException.class);
        assertThat(corrections.of(person)).extracting(Corrections.Correction::status).containsExactly("ACCEPTED");
    }
}
