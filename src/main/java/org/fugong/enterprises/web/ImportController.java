package org.fugong.enterprises.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.enterprises.internal.EnterpriseImports;
import org.fugong.shell.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Registry imports: upload a file, then watch it being checked and imported (the page may be left). */
@Controller
class ImportController {

    static final long MAX_UPLOAD = 20 * 1024 * 1024;

    private final EnterpriseImports imports;
    private final CurrentActor currentActor;

    ImportController(EnterpriseImports imports, CurrentActor currentActor) {
        this.imports = imports;
        this.currentActor = currentActor;
    }

    @GetMapping("/enterprises/imports")
    String list(Model model) {
        model.addAttribute("imports", imports.recent(currentActor.scope(), 50));
        model.addAttribute("columns", EnterpriseImports.COLUMNS);
        return "enterprises/imports";
    }

    @PostMapping("/enterprises/imports")
    String submit(@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        if (file.isEmpty() || file.getSize() > MAX_UPLOAD) {
            redirect.addFlashAttribute("uploadError", file.isEmpty() ? "import.error.empty" : "import.error.tooLarge");
            return "redirect:/enterprises/imports";
        }
        UUID id = imports.submit(currentActor.get(), String.valueOf(file.getOriginalFilename()), file.getBytes());
        return "redirect:/enterprises/imports/" + id;
    }

    @GetMapping("/enterprises/imports/{id}")
    String show(@PathVariable UUID id, HtmxRequest htmx, HttpServletResponse response, Model model) throws IOException {
        model.addAttribute(
                "job", imports.find(currentActor.scope(), id).orElseThrow(() -> new NotFoundException("import", id)));
        return htmx.isHtmxRequest() ? "enterprises/import :: status" : "enterprises/import";
    }
}
