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
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".adoc")).toList()) {
                Files.write(file, sortedCells(Files.readAllLines(file)));
            }
        }
    }

    /**
     * The canvases list a cell's items (beans, events, ...) in hash order too: each cell's items
     * sorted, blank lines between them dropped.
     */
    static List<String> sortedCells(List<String> lines) {
        List<String> out = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("|* ")) {
                flush(items, out);
                items.add(line.substring(1));
            } else if (!items.isEmpty() && line.startsWith("* ")) {
                items.add(line);
            } else if (!items.isEmpty() && line.isBlank()) {
                continue;
            } else if (!items.isEmpty() && !line.startsWith("|")) {
                items.set(items.size() - 1, items.get(items.size() - 1) + "\n" + line);
            } else {
                flush(items, out);
                out.add(line);
            }
        }
        flush(items, out);
        return out;
    }

    private static void flush(List<String> items, List<String> out) {
        if (items.isEmpty()) {
            return;
        }
        List<String> sorted = items.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            out.addAll(List.of(((i == 0 ? "|" : "") + sorted.get(i)).split("\n", -1)));
        }
        out.add("");
        items.clear();
    }
}
