package org.fugong.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.tickets.internal.Attachments;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

/** A ticket's attachment: checked by its content, saved with the ticket, read only by those who see the ticket. */
class AttachmentTests extends IntegrationTest {

    static final byte[] PNG = {
        (byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52
    };

    @Test
    void aPhotoIsFiledWithTheTicketAndReadByThoseWhoSeeIt() throws Exception {
        var response = mvc.post()
                .uri("/tickets")
                .with(as("ent-haishu"))
                .with(csrf())
                .multipart()
                .file(new MockMultipartFile("attachment", "仓库照片.png", "image/png", PNG))
                .param("category", "MATERIALS")
                .param("title", "原料堆积")
                .param("description", "仓库原料无法运出，见照片。")
                .exchange()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(302);
        String id = response.getRedirectedUrl().substring("/tickets/".length());
        String attachment = jdbc.sql("select id::text from ticket_attachment where ticket_id = ?")
                .param(UUID.fromString(id))
                .query(String.class)
                .single();
        assertThat(mvc.get()
                        .uri("/tickets/" + id)
                        .with(as("ent-haishu"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .contains("仓库照片.png");
        var download = mvc.get()
                .uri("/tickets/" + id + "/attachments/" + attachment)
                .with(as("ent-haishu"))
                .exchange()
                .getResponse();
        assertThat(download.getContentAsByteArray()).isEqualTo(PNG);
        assertThat(download.getContentType()).isEqualTo("image/png");
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(mvc.get()
                        .uri("/tickets/" + id + "/attachments/" + attachment)
                        .with(as("ent-jiangbei")))
                .hasStatus(403);
    }

    @Test
    void aFileThatIsNotWhatItSaysIsRefusedAndNothingIsFiled() throws Exception {
        long before = jdbc.sql("select count(*) from ticket").query(Long.class).single();
        String page = mvc.post()
                .uri("/tickets?lang=en")
                .with(as("ent-haishu"))
                .with(csrf())
                .multipart()
                .file(new MockMultipartFile(
                        "attachment", "invoice.pdf", "application/pdf", "MZ\u0090\u0000 not a pdf".getBytes()))
                .param("category", "FINANCE")
                .param("title", "发票")
                .param("description", "见附件")
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Only PDF, PNG, JPEG, xlsx or docx files");
        byte[] big = new byte[Attachments.MAX_BYTES + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        page = mvc.post()
                .uri("/tickets?lang=en")
                .with(as("ent-haishu"))
                .with(csrf())
                .multipart()
                .file(new MockMultipartFile("attachment", "big.png", "image/png", big))
                .param("category", "FINANCE")
                .param("title", "发票")
                .param("description", "见附件")
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("larger than 5 MB");
        assertThat(jdbc.sql("select count(*) from ticket").query(Long.class).single())
                .isEqualTo(before);
        assertThat(Attachments.sniff("photo.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}))
                .isEqualTo("image/jpeg");
        assertThat(Attachments.sniff("photo.png", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}))
                .isNull();
    }
}
