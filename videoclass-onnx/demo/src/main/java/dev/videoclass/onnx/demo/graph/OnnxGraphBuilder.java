package dev.videoclass.onnx.demo.graph;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes small ONNX models from code: named inputs and outputs (fixed or symbolic dimensions),
 * constant tensors (initializers) and operator nodes, serialised in the ONNX protobuf format
 * (IR version 8, default opset 17). It exists so that demo and test models are generated rather
 * than checked in as binaries; it checks nothing about the graph — ONNX Runtime does that when it
 * loads the model. Not thread safe; build one model per instance.
 */
public final class OnnxGraphBuilder {
    /** ONNX tensor element types used by this builder (values of {@code TensorProto.DataType}). */
    public enum ElementType {
        FLOAT(1), INT64(7), FLOAT16(10);

        final int code;

        ElementType(int code) {
            this.code = code;
        }
    }

    /** An operator attribute (an int, a float or a list of ints). */
    public record Attribute(String name, Long i, Float f, long[] ints) {
        /** An integer attribute. */
        public static Attribute of(String name, long value) {
            return new Attribute(name, value, null, null);
        }

        /** A float attribute. */
        public static Attribute of(String name, float value) {
            return new Attribute(name, null, value, null);
        }

        /** A list-of-integers attribute. */
        public static Attribute ints(String name, long... values) {
            return new Attribute(name, null, null, values.clone());
        }
    }

    private record ValueInfo(String name, ElementType type, Object[] dims) {
    }

    /** A constant: its bytes, or (when {@code littleEndian} is null) seeded normal values made on writing. */
    private record Initializer(String name, ElementType type, long[] dims, byte[] littleEndian, long seed, float std) {
        long elements() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        long byteLength() {
            return elements() * (type == ElementType.FLOAT16 ? 2 : type == ElementType.FLOAT ? 4 : 8);
        }

        /** Writes the little-endian bytes in chunks (random values are generated, never held whole). */
        void writeTo(java.io.OutputStream out) throws IOException {
            if (littleEndian != null) {
                out.write(littleEndian);
                return;
            }
            java.util.Random r = new java.util.Random(seed);
            int width = type == ElementType.FLOAT16 ? 2 : 4;
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < elements(); i++) {
                float v = (float) (r.nextGaussian() * std);
                if (width == 2) {
                    chunk.putShort(toHalf(v));
                } else {
                    chunk.putFloat(v);
                }
                if (!chunk.hasRemaining()) {
                    out.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }

    private record Node(String op, List<String> inputs, List<String> outputs, List<Attribute> attributes) {
    }

    private final String name;
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final List<Initializer> initializers = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private int opset = 17;
    private int generated;

    /** A builder for a graph called {@code name}. */
    public OnnxGraphBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The default-domain opset version to declare (default 17). */
    public OnnxGraphBuilder opset(int version) {
        this.opset = version;
        return this;
    }

    /**
     * Declares a graph input. Each dimension is an {@link Integer} (fixed size) or a {@link String}
     * (symbolic, e.g. {@code "batch"}).
     */
    public OnnxGraphBuilder input(String name, ElementType type, Object... dims) {
        inputs.add(new ValueInfo(name, type, checkDims(dims)));
        return this;
    }

    /** Declares a graph output; dimensions as for {@link #input}. */
    public OnnxGraphBuilder output(String name, ElementType type, Object... dims) {
        outputs.add(new ValueInfo(name, type, checkDims(dims)));
        return this;
    }

    /** A float constant of shape {@code dims} (row-major values). Returns its name. */
    public String constant(String name, float[] values, long... dims) {
        checkCount(values.length, dims);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        initializers.add(new Initializer(name, ElementType.FLOAT, dims.clone(), b.array(), 0, 0));
        return name;
    }

    /** A float16 constant of shape {@code dims} (values rounded to half precision). Returns its name. */
    public String constantHalf(String name, float[] values, long... dims) {
        checkCount(values.length, dims);
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort(toHalf(v));
        }
        initializers.add(new Initializer(name, ElementType.FLOAT16, dims.clone(), b.array(), 0, 0));
        return name;
    }

    /**
     * A FLOAT or FLOAT16 constant of normally distributed values (mean 0, standard deviation
     * {@code std}) from {@code seed}: weights for models whose speed, not output, matters. The values
     * are generated while writing, so a large model is never held in memory. Returns its name.
     */
    public String randomConstant(String name, ElementType type, float std, long seed, long... dims) {
        if (type == ElementType.INT64) {
            throw new IllegalArgumentException("random constants are float or float16");
        }
        initializers.add(new Initializer(name, type, dims.clone(), null, seed, std));
        return name;
    }

    /** An int64 constant of shape {@code dims} (row-major values). Returns its name. */
    public String constant(String name, long[] values, long... dims) {
        checkCount(values.length, dims);
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        initializers.add(new Initializer(name, ElementType.INT64, dims.clone(), b.array(), 0, 0));
        return name;
    }

    /** A 1-D int64 constant with a generated name (shapes, axes). Returns its name. */
    public String longs(long... values) {
        return constant("const_" + (generated++), values, values.length);
    }

    /** A scalar float constant with a generated name. Returns its name. */
    public String scalar(float value) {
        return constant("const_" + (generated++), new float[] {value});
    }

    /** Adds a node of operator {@code op} writing one output. Returns the output's name. */
    public String node(String op, List<String> inputs, String output, Attribute... attributes) {
        nodes.add(new Node(op, List.copyOf(inputs), List.of(output), List.of(attributes)));
        return output;
    }

    /** The model as ONNX protobuf bytes (every constant inline; keep it under protobuf's 2 GB). */
    public byte[] toBytes() {
        return model(null);
    }

    /**
     * Writes the model to {@code file} with every constant of 1 KiB or more in the file beside it named
     * {@code <file name>.data} (ONNX external data, as exporters write models over 2 GB); ONNX
     * Runtime reads it from there when it loads {@code file}.
     */
    public void writeWithExternalData(Path file) throws IOException {
        String dataName = file.getFileName() + ".data";
        Map<String, long[]> placed = new java.util.HashMap<>();
        try (java.io.OutputStream data = new java.io.BufferedOutputStream(
                Files.newOutputStream(file.resolveSibling(dataName)), 1 << 20)) {
            long offset = 0;
            for (Initializer t : initializers) {
                if (t.byteLength() >= 1024) {
                    t.writeTo(data);
                    placed.put(t.name(), new long[] {offset, t.byteLength()});
                    offset += t.byteLength();
                }
            }
        }
        Files.write(file, model(new External(dataName, placed)));
    }

    private record External(String location, Map<String, long[]> placed) {
    }

    private byte[] model(External external) {
        return message(model -> {
            model.writeInt64(1, 8); // ir_version
            model.writeString(2, "videoclass");
            model.writeByteArray(7, message(g -> writeGraph(g, external)));
            model.writeByteArray(8, message(opsetId -> {
                opsetId.writeString(1, "");
                opsetId.writeInt64(2, opset);
            }));
        });
    }

    /** Writes the model to {@code file}. */
    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    private void writeGraph(CodedOutputStream g, External external) throws IOException {
        for (Node n : nodes) {
            g.writeByteArray(1, message(out -> writeNode(out, n)));
        }
        g.writeString(2, name);
        for (Initializer t : initializers) {
            g.writeByteArray(5, message(out -> {
                for (long d : t.dims()) {
                    out.writeInt64(1, d);
                }
                out.writeInt32(2, t.type().code);
                out.writeString(8, t.name());
                long[] at = external == null ? null : external.placed().get(t.name());
                if (at == null) {
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream((int) t.byteLength());
                    t.writeTo(bytes);
                    out.writeByteArray(9, bytes.toByteArray());
                } else {
                    writeEntry(out, "location", external.location());
                    writeEntry(out, "offset", Long.toString(at[0]));
                    writeEntry(out, "length", Long.toString(at[1]));
                    out.writeInt32(14, 1); // data_location = EXTERNAL
                }
            }));
        }
        for (ValueInfo v : inputs) {
            g.writeByteArray(11, valueInfo(v));
        }
        for (ValueInfo v : outputs) {
            g.writeByteArray(12, valueInfo(v));
        }
    }

    private static void writeNode(CodedOutputStream out, Node n) throws IOException {
        for (String in : n.inputs()) {
            out.writeString(1, in);
        }
        for (String o : n.outputs()) {
            out.writeString(2, o);
        }
        out.writeString(3, n.outputs().get(0) + "_node");
        out.writeString(4, n.op());
        for (Attribute a : n.attributes()) {
            out.writeByteArray(5, message(attr -> {
                attr.writeString(1, a.name());
                if (a.i() != null) {
                    attr.writeInt64(3, a.i());
                    attr.writeInt32(20, 2); // INT
                } else if (a.f() != null) {
                    attr.writeFloat(2, a.f());
                    attr.writeInt32(20, 1); // FLOAT
                } else {
                    for (long v : a.ints()) {
                        attr.writeInt64(8, v);
                    }
                    attr.writeInt32(20, 7); // INTS
                }
            }));
        }
    }

    /** A TensorProto.external_data entry (StringStringEntryProto, field 13). */
    private static void writeEntry(CodedOutputStream out, String key, String value) throws IOException {
        out.writeByteArray(13, message(e -> {
            e.writeString(1, key);
            e.writeString(2, value);
        }));
    }

    /** IEEE 754 half precision bits of {@code v}, rounded to nearest even (what Java 20's Float.floatToFloat16 does). */
    static short toHalf(float v) {
        int bits = Float.floatToRawIntBits(v);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) { // inf or NaN
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00); // overflow to infinity
        }
        if (e <= 0) { // subnormal or zero
            if (e < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - e;
            int half = mant >> shift;
            int rest = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, which is right
        }
        return (short) (sign | half);
    }

    private static byte[] valueInfo(ValueInfo v) {
        return message(info -> {
            info.writeString(1, v.name());
            info.writeByteArray(2, message(type -> type.writeByteArray(1, message(tensor -> {
                tensor.writeInt32(1, v.type().code);
                tensor.writeByteArray(2, message(shape -> {
                    for (Object d : v.dims()) {
                        shape.writeByteArray(1, message(dim -> {
                            if (d instanceof Integer size) {
                                dim.writeInt64(1, size);
                            } else {
                                dim.writeString(2, (String) d);
                            }
                        }));
                    }
                }));
            }))));
        });
    }

    private static Object[] checkDims(Object[] dims) {
        for (Object d : dims) {
            if (!(d instanceof Integer) && !(d instanceof String)) {
                throw new IllegalArgumentException("a dimension is an Integer or a String, not " + d);
            }
        }
        return dims.clone();
    }

    private static void checkCount(int count, long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException(count + " values do not fill shape of " + n + " elements");
        }
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
