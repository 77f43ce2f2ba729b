package org.fugong;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The modules talk only through their public API; the diagram in docs/ is written from the code. */
class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(FugongApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesTheModuleDiagram() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        stableOrder(Path.of("docs/modules"));
    }

    /** The documenter lists relations in hash order; sorted, the diagrams change only when the modules do. */
    private static void stableOrder(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                List<String> lines = Files.readAllLines(file);
                List<String> relations = lines.stream()
                        .filter(l -> l.startsWith("Rel("))
                        .sorted()
                        .toList();
                List<String> out = new ArrayList<>();
                boolean placed = false;
                for (String line : lines) {
                    if (!line.startsWith("Rel(")) {
                        out.add(line);
                    } else if (!placed) {
                        out.addAll(relations);
                        placed = true;
                    }
                }
                Files.write(file, out);
            }
        }
    }
}
