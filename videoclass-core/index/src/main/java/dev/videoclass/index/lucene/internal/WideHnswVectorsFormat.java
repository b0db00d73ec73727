package dev.videoclass.index.lucene.internal;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

import java.io.IOException;

/**
 * Lucene's HNSW vector format (Lucene99, default graph parameters) for vectors of up to
 * {@value #MAX_DIMENSIONS} dimensions: Lucene 9 caps its own formats at 1,024, below SigLIP
 * so400m's 1,152. The files are Lucene99's; only the limit differs. Registered by name through
 * {@code META-INF/services}, so that a reader finds it again; public for that lookup only.
 */
public final class WideHnswVectorsFormat extends KnnVectorsFormat {
    /** The name written into the index. */
    public static final String NAME = "VideoclassHnsw";
    /** Most dimensions accepted (SigLIP so400m: 1,152; SigLIP2 giant: 1,536). */
    public static final int MAX_DIMENSIONS = 4096;

    private final KnnVectorsFormat delegate = new Lucene99HnswVectorsFormat();

    /** For Lucene's service loader. */
    public WideHnswVectorsFormat() {
        super(NAME);
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return delegate.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return delegate.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return MAX_DIMENSIONS;
    }
}
