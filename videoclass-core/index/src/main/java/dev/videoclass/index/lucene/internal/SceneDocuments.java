package dev.videoclass.index.lucene.internal;

import dev.videoclass.index.IndexedScene;
import dev.videoclass.index.IndexedVideo;
import dev.videoclass.index.SceneHit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a video is laid out in Lucene: one document per content (its hash and paths) and one per
 * scene (hash, keyframe time, scene range, explicit flag, tags and the embedding), all sharing the
 * {@link #CONTENT_HASH} term, so that one term deletes or replaces a video. Stateless.
 */
public final class SceneDocuments {
    /** Every document of a video: the content hash (indexed, stored). */
    public static final String CONTENT_HASH = "content_hash";
    /** The content document only: the content hash, to find and replace it alone. */
    public static final String VIDEO_ID = "video_id";
    /** The embedding of a scene document (HNSW, dot product of unit vectors). */
    public static final String VECTOR = "embedding";
    private static final String KIND = "kind";
    /** Matches the content documents, one per video. */
    public static final Query CONTENTS = new TermQuery(new Term(KIND, "video"));
    private static final String PATH = "path";
    private static final String PTS = "pts_s";
    private static final String START = "scene_start_s";
    private static final String END = "scene_end_s";
    private static final String EXPLICIT = "is_explicit";
    private static final String TAG = "tag";

    private SceneDocuments() {
    }

    /** The content document followed by one document per scene. */
    public static List<Document> of(IndexedVideo video) {
        List<Document> docs = new ArrayList<>(video.scenes().size() + 1);
        docs.add(content(video.contentHash(), video.paths()));
        for (IndexedScene s : video.scenes()) {
            Document d = new Document();
            d.add(new StringField(CONTENT_HASH, video.contentHash(), Field.Store.YES));
            d.add(new StoredField(PTS, s.ptsS()));
            d.add(new StoredField(START, s.embedding().sceneStartS()));
            d.add(new StoredField(END, s.embedding().sceneEndS()));
            d.add(new StoredField(EXPLICIT, s.explicit() ? 1 : 0));
            for (String tag : s.tags()) {
                d.add(new StoredField(TAG, tag));
            }
            d.add(new KnnFloatVectorField(VECTOR, dev.videoclass.spi.FrameEmbedder.unit(s.embedding().vector()),
                    VectorSimilarityFunction.DOT_PRODUCT));
            docs.add(d);
        }
        return docs;
    }

    /** The content document: hash and paths. */
    public static Document content(String contentHash, List<String> paths) {
        Document d = new Document();
        d.add(new StringField(CONTENT_HASH, contentHash, Field.Store.YES));
        d.add(new StringField(VIDEO_ID, contentHash, Field.Store.NO));
        d.add(new StringField(KIND, "video", Field.Store.NO));
        for (String p : paths) {
            d.add(new StoredField(PATH, p));
        }
        return d;
    }

    /** The paths stored in a content document. */
    public static List<String> paths(Document content) {
        return Arrays.asList(content.getValues(PATH));
    }

    /**
     * The hit a scene document makes.
     *
     * @param score the cosine similarity to the query
     * @param paths the paths of its content
     */
    public static SceneHit hit(Document scene, double score, List<String> paths) {
        List<String> tags = new ArrayList<>();
        for (IndexableField f : scene.getFields(TAG)) {
            tags.add(f.stringValue());
        }
        return new SceneHit(scene.get(CONTENT_HASH), paths, number(scene, PTS), number(scene, START), number(scene, END),
                score, scene.getField(EXPLICIT).numericValue().intValue() == 1, tags);
    }

    private static double number(Document d, String field) {
        return d.getField(field).numericValue().doubleValue();
    }

    /**
     * The cosine similarity of unit vectors from the score Lucene gives for
     * {@link VectorSimilarityFunction#DOT_PRODUCT}, which is {@code (1 + cosine) / 2}.
     */
    public static double cosine(float luceneScore) {
        return 2.0 * luceneScore - 1.0;
    }
}
