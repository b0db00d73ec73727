package dev.videoclass.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoclass.onnx.internal.DjlCudaProbe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns prompts into the {@code input_ids} (and {@code attention_mask}) a text tower takes, with
 * Hugging Face's own tokenizer library reading {@code tokenizer.json}. Special tokens are added as
 * the tokenizer's post-processor says; sequences are truncated to the model's maximum length and
 * padded with the tokenizer's pad token — to the longest prompt when the model takes an attention
 * mask (CLIP), to the maximum length when it does not (SigLIP was trained that way, and without a
 * mask the padding changes the embedding). Thread safe; close to free the native tokenizer.
 */
final class TextEncoder implements AutoCloseable {
    /** Token ids and mask of a batch of prompts, row-major {@code [prompts][sequence]}. */
    record Tokens(long[][] ids, long[][] mask) {
        int sequenceLength() {
            return ids.length == 0 ? 0 : ids[0].length;
        }
    }

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final boolean padToMaxLength;
    private final long padId;

    /**
     * @param fixedLength the text input's fixed sequence length, or -1 when the model takes any
     * @param usesMask    whether the text model takes an {@code attention_mask} input
     */
    TextEncoder(Path tokenizerJson, JsonNode tokenizerConfig, long fixedLength, boolean usesMask) throws IOException {
        int configured = tokenizerConfig.path("model_max_length").asInt(0);
        this.maxLength = fixedLength > 0 ? (int) fixedLength
                : (configured > 0 && configured <= 4096 ? configured : 64);
        this.padToMaxLength = fixedLength > 0 || !usesMask;
        DjlCudaProbe.quietWithoutDriver(); // before DJL loads its natives
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                "addSpecialTokens", "true",
                "padding", "false",
                "truncation", "true",
                "maxLength", Integer.toString(maxLength)));
        this.padId = padId(tokenizerJson, tokenizerConfig);
    }

    Tokens encode(List<String> prompts) {
        Encoding[] encodings = tokenizer.batchEncode(prompts.toArray(new String[0]));
        int length = 1;
        for (Encoding e : encodings) {
            length = Math.max(length, e.getIds().length);
        }
        if (padToMaxLength) {
            length = maxLength;
        }
        long[][] ids = new long[encodings.length][length];
        long[][] mask = new long[encodings.length][length];
        for (int i = 0; i < encodings.length; i++) {
            long[] tokens = encodings[i].getIds();
            int n = Math.min(tokens.length, length);
            System.arraycopy(tokens, 0, ids[i], 0, n);
            for (int t = 0; t < length; t++) {
                if (t >= n) {
                    ids[i][t] = padId;
                } else {
                    mask[i][t] = 1;
                }
            }
        }
        return new Tokens(ids, mask);
    }

    /** The id of {@code pad_token} (tokenizer_config.json) among tokenizer.json's added tokens or vocabulary; 0 when unstated. */
    private static long padId(Path tokenizerJson, JsonNode tokenizerConfig) throws IOException {
        JsonNode pad = tokenizerConfig.path("pad_token");
        String token = pad.isTextual() ? pad.asText() : pad.path("content").asText(null);
        if (token == null) {
            return 0;
        }
        JsonNode root = new ObjectMapper().readTree(tokenizerJson.toFile());
        for (JsonNode added : root.path("added_tokens")) {
            if (token.equals(added.path("content").asText())) {
                return added.path("id").asLong();
            }
        }
        JsonNode id = root.path("model").path("vocab").path(token);
        return id.isNumber() ? id.asLong() : 0;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
