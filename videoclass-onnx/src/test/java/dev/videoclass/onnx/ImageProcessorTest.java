package dev.videoclass.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoclass.Frame;
import dev.videoclass.image.FrameOps;
import dev.videoclass.image.ResampleFilter;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageProcessorTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ImageProcessor parse(String json) throws Exception {
        return ImageProcessor.fromJson(JSON.readTree(json));
    }

    static final String CLIP = """
            {"crop_size": 224, "do_center_crop": true, "do_normalize": true, "do_resize": true,
             "image_mean": [0.48145466, 0.4578275, 0.40821073], "image_std": [0.26862954, 0.26130258, 0.27577711],
             "resample": 3, "size": 224}""";
    static final String SIGLIP = """
            {"do_resize": true, "size": {"height": 384, "width": 384}, "resample": 2, "do_rescale": true,
             "rescale_factor": 0.00392156862745098, "do_normalize": true, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]}""";

    @Test
    void clipResizesTheShortestEdgeTruncatingTheLongOneThenCropsTheCentre() throws Exception {
        ImageProcessor clip = parse(CLIP);
        assertThat(clip.outputWidth()).isEqualTo(224);
        assertThat(clip.outputHeight()).isEqualTo(224);
        Frame wide = random(641, 480, 1);
        Frame prepared = clip.prepare(wide);
        assertThat(prepared.width()).isEqualTo(224);
        assertThat(prepared.height()).isEqualTo(224);
        // 641x480 -> short side 224, long side int(224*641/480) = 299; crop offset (299-224)//2 = 37
        Frame resized = FrameOps.resize(wide, 299, 224, ResampleFilter.BICUBIC);
        for (int y = 0; y < 224; y += 17) {
            for (int x = 0; x < 224; x += 13) {
                for (int c = 0; c < 3; c++) {
                    assertThat(prepared.rgb()[(y * 224 + x) * 3 + c]).isEqualTo(resized.rgb()[(y * 299 + x + 37) * 3 + c]);
                }
            }
        }
        Frame portrait = clip.prepare(random(300, 500, 2));
        assertThat(portrait.width()).isEqualTo(224);
        assertThat(portrait.height()).isEqualTo(224);
    }

    @Test
    void siglipSquashesToTheFixedSizeAndNormalisesToMinusOneOne() throws Exception {
        ImageProcessor siglip = parse(SIGLIP);
        Frame prepared = siglip.prepare(random(1920, 1080, 3));
        assertThat(prepared.width()).isEqualTo(384);
        assertThat(prepared.height()).isEqualTo(384);
        FloatBuffer out = FloatBuffer.allocate(2 * 3 * 384 * 384);
        siglip.toPlanar(prepared, out, 3 * 384 * 384);
        int plane = 384 * 384;
        for (int i = 0; i < plane; i += 997) {
            for (int c = 0; c < 3; c++) {
                int v = prepared.rgb()[i * 3 + c] & 0xFF;
                float expected = ((float) (v * 0.00392156862745098) - 0.5f) / 0.5f;
                assertThat(out.get(3 * plane + c * plane + i)).isEqualTo(expected);
            }
        }
        assertThat(out.get(0)).as("the first image's slot is untouched").isZero();
    }

    @Test
    void clipNormalisationUsesItsMeanAndStdPerChannel() throws Exception {
        ImageProcessor clip = parse(CLIP);
        Frame white = solidWhite(224, 224);
        FloatBuffer out = FloatBuffer.allocate(3 * 224 * 224);
        clip.toPlanar(clip.prepare(white), out, 0);
        assertThat(out.get(0)).isEqualTo((1f - 0.48145466f) / 0.26862954f);
        assertThat(out.get(224 * 224)).isEqualTo((1f - 0.4578275f) / 0.26130258f);
        assertThat(out.get(2 * 224 * 224)).isEqualTo((1f - 0.40821073f) / 0.27577711f);
    }

    @Test
    void unsupportedSettingsAreNamed() {
        assertThatThrownBy(() -> parse("{\"size\": {\"longest_edge\": 10}}")).hasMessageContaining("size");
        assertThatThrownBy(() -> parse("{\"size\": 10, \"resample\": 9}")).hasMessageContaining("resample");
        assertThatThrownBy(() -> parse("{\"size\": 10, \"image_mean\": [0.5]}")).hasMessageContaining("image_mean");
        assertThatThrownBy(() -> parse(SIGLIP).toPlanar(random(10, 10, 1), FloatBuffer.allocate(300), 0))
                .hasMessageContaining("384x384");
    }

    static Frame random(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new Frame(w, h, px, 0.0);
    }

    static Frame solidWhite(int w, int h) {
        byte[] px = new byte[w * h * 3];
        java.util.Arrays.fill(px, (byte) 255);
        return new Frame(w, h, px, 0.0);
    }
}
