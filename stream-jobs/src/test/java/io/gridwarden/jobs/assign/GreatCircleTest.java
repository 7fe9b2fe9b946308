package io.gridwarden.jobs.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GreatCircleTest {

    @Test
    void shouldMeasureOneDegreeOfLatitudeAsAbout111Km() {
        assertThat(GreatCircle.metres(28.0, 118.0, 29.0, 118.0)).isCloseTo(111_195, within(10.0));
    }

    @Test
    void shouldShrinkLongitudeDegreesAwayFromTheEquator() {
        double atEquator = GreatCircle.metres(0, 118.0, 0, 119.0);
        double atHecun = GreatCircle.metres(28.74, 118.0, 28.74, 119.0);
        assertThat(atHecun).isCloseTo(atEquator * Math.cos(Math.toRadians(28.74)), within(50.0));
    }

    @Test
    void shouldBeZeroForTheSamePointAndSymmetric() {
        assertThat(GreatCircle.metres(28.7405, 118.586, 28.7405, 118.586)).isZero();
        assertThat(GreatCircle.metres(28.7, 118.5, 28.8, 118.6)).isEqualTo(GreatCircle.metres(28.8, 118.6, 28.7, 118.5));
    }
}
