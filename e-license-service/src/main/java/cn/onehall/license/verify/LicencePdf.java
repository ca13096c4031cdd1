package cn.onehall.license.verify;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import cn.onehall.license.licence.Licence;
import cn.onehall.license.type.LicenceType;

/**
 * A printable A4 page of the licence (OpenPDF) with its QR code. The service ships no CJK font, so labels are English
 * and field values that are not Latin show through the field names; the QR leads to the authoritative online record.
 */
public final class LicencePdf {

    private LicencePdf() {
    }

    public static byte[] render(Licence l, LicenceType type, String qrText) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 50, 50, 50, 50);
        PdfWriter.getInstance(doc, out);
        doc.addTitle("Electronic licence " + l.identifier());
        doc.addCreator("OneHall e-license-service");
        doc.open();
        Font title = new Font(Font.HELVETICA, 18, Font.BOLD);
        Font small = new Font(Font.HELVETICA, 9);
        doc.add(new Paragraph("Electronic licence", title));
        doc.add(new Paragraph("Type code " + type.code() + " - template " + type.template(), small));
        doc.add(new Paragraph(" "));
        PdfPTable table = new PdfPTable(2);
        table.setWidthPercentage(100);
        row(table, "Identifier", l.identifier());
        row(table, "Version", Integer.toString(l.version()));
        row(table, "Issuer (credit code)", l.issuerCode());
        row(table, "Holder", l.holderType() + " " + l.holderMasked());
        row(table, "Valid from", l.validFrom().toString());
        row(table, "Valid until", l.validUntil() == null ? "long-term" : l.validUntil().toString());
        row(table, "Status", l.status().name());
        row(table, "Verification code", l.verificationCode());
        for (Map.Entry<String, String> e : l.data().entrySet()) {
            row(table, e.getKey(), ascii(e.getValue()));
        }
        doc.add(table);
        doc.add(new Paragraph(" "));
        Image qr;
        try {
            qr = Image.getInstance(QrImages.png(qrText, 300));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        qr.scaleAbsolute(180, 180);
        qr.setAlignment(Element.ALIGN_CENTER);
        doc.add(qr);
        doc.add(new Paragraph("Scan to verify online, or verify the signed payload offline with the published SM2 keys.", small));
        doc.close();
        return out.toByteArray();
    }

    private static void row(PdfPTable table, String label, String value) {
        table.addCell(label);
        table.addCell(value == null ? "" : value);
    }

    /** Non-Latin text would print as nothing without a CJK font: say so instead of printing blanks. */
    private static String ascii(String value) {
        if (value == null) {
            return "";
        }
        return value.chars().allMatch(c -> c < 0x250) ? value : "(see the online record)";
    }
}
