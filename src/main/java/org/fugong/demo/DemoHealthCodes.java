package org.fugong.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.fugong.access.Actor;
import org.fugong.healthcode.CodeRules;
import org.fugong.healthcode.Declarations;
import org.fugong.healthcode.HealthLists;
import org.fugong.healthcode.Persons;
import org.fugong.healthcode.ResidentId;
import org.fugong.healthcode.Staff;
import org.springframework.stereotype.Component;

/**
 * A few hundred demo code holders in every colour: most declared nothing unusual, some stayed in
 * a higher-risk place, had contact or fever, some are on the health bureau's close-contact list;
 * forty share their colour with ent-haishu's enterprise.
 */
@Component
class DemoHealthCodes {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰";

    private final Persons persons;
    private final Declarations declarations;
    private final HealthLists lists;
    private final Staff staff;

    DemoHealthCodes(Persons persons, Declarations declarations, HealthLists lists, Staff staff) {
        this.persons = persons;
        this.declarations = declarations;
        this.lists = lists;
        this.staff = staff;
    }

    int load(Actor health, String employerUscc, int count) {
        lists.setArea(health, "420100", "湖北省武汉市", CodeRules.Level.HIGH);
        lists.setArea(health, "440300", "广东省深圳市", CodeRules.Level.MEDIUM);
        lists.setArea(health, "330100", "浙江省杭州市", CodeRules.Level.LOW);
        Random random = new Random(20200211L);
        for (int i = 0; i < count; i++) {
            String first17 = "330203" + (1960 + random.nextInt(40))
                    + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                    + String.format("%03d", i % 1000);
            String id = first17 + ResidentId.checkCharacter(first17);
            String name = "" + SURNAMES.charAt(random.nextInt(SURNAMES.length()))
                    + GIVEN.charAt(random.nextInt(GIVEN.length()))
                    + (random.nextBoolean() ? "" : String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length()))));
            var person = persons.identify(id, name, "139" + String.format("%08d", 57_400_000 + i));
            int roll = random.nextInt(100);
            List<String> places =
                    roll < 8 ? List.of("OUT:420100") : roll < 18 ? List.of("OUT:440300") : List.of("OUT:330100");
            declarations.declare(
                    person.id(),
                    new Declarations.DeclarationInput(
                            places,
                            roll >= 18 && roll < 22,
                            roll >= 22 && roll < 25 ? CodeRules.Symptoms.FEVER : CodeRules.Symptoms.NONE,
                            36.5,
                            null));
            if (roll >= 25 && roll < 28) {
                lists.importEntries(
                        health,
                        "demo close contacts",
                        List.of(new HealthLists.Entry(id, "CLOSE_CONTACT", LocalDate.now())));
            }
            if (i < 40) {
                staff.consent(person.id(), employerUscc);
            }
        }
        return count;
    }
}
