package io.gridwarden.common.event;

/** An object's bounding box, {@code [x, y, w, h]} normalised to 0..1 of the image. */
public record Box(double x, double y, double w, double h) {

    /** Where the object stands: the bottom-centre of its box, which is what zone membership uses. */
    public double footX() {
        return x + w / 2;
    }

    public double footY() {
        return y + h;
    }
}
