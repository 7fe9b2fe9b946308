package io.gridwarden.jobs.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type of {@link CameraInput}, wherever it is asked for one (the keyed stream, held inputs in operator and
 * keyed state): serialized by {@link CameraInputSerializer}.
 */
public final class CameraInputType extends TypeInformation<CameraInput> {

    private static final long serialVersionUID = 1L;
    private static final TypeInformation<CameraNotice> NOTICE = TypeInformation.of(CameraNotice.class);

    /** What {@code @TypeInfo} on {@link CameraInput} names: Flink's type extraction asks it. */
    public static final class Factory extends TypeInfoFactory<CameraInput> {
        @Override
        public TypeInformation<CameraInput> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
            return new CameraInputType();
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<CameraInput> getTypeClass() {
        return CameraInput.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<CameraInput> createSerializer(SerializerConfig config) {
        return new CameraInputSerializer(NOTICE.createSerializer(config));
    }

    @Override
    public String toString() {
        return "CameraInput";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CameraInputType;
    }

    @Override
    public int hashCode() {
        return CameraInputType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof CameraInputType;
    }
}
