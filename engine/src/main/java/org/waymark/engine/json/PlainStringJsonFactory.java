package org.waymark.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.IOException;

/**
 * Jackson's JSON factory, whose parsers over UTF-8 bytes take a string of plain ASCII content (no escape, no control
 * character, nothing beyond ASCII: codes, systems, dates, most displays) straight from the input bytes
 * ({@link PlainStringParser}) instead of decoding it into characters and compressing those into a string again. Every
 * other input, and every other string, is read by Jackson's own code, so every value and every error is Jackson's.
 * In a screening run (C1-compiled code) decoding and compressing strings was a tenth of reading a record.
 */
public final class PlainStringJsonFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    public PlainStringJsonFactory() {
    }

    private PlainStringJsonFactory(PlainStringJsonFactory src, ObjectCodec codec) {
        super(src, codec);
    }

    @Override
    public JsonFactory copy() {
        return new PlainStringJsonFactory(this, null);
    }

    /**
     * Input that opens with an object is UTF-8 without a byte-order mark (Jackson's own detection would say so: UTF-16
     * and UTF-32 put a zero byte beside the brace), so the parser is the one Jackson would make, with plain strings read
     * straight off the bytes. Anything else (a BOM, another encoding, leading whitespace) goes to Jackson's detection.
     */
    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        boolean utf8Object = len > 0 && data[offset] == '{' && (len == 1 || data[offset + 1] != 0);
        if (!utf8Object || !Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures)) {
            return super._createParser(data, offset, len, ctxt);
        }
        return new PlainStringParser(ctxt, _parserFeatures, _objectCodec, _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
                data, offset, offset + len);
    }
}
