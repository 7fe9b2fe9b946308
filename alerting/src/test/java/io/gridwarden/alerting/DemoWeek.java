package io.gridwarden.alerting;

import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A plausible past week of the demo town for the report page: cases in hecun and tanshi each day, about half
 * settled by their voice warning, the rest dispatched to their own team, a few rejected or let lapse and
 * reassigned, a few hecun cases taken by tanshi's team ("1+X"). Each case is its whole history, as the jobs
 * write it. Seeded, so every run draws the same week.
 */
final class DemoWeek {

    private static final String[] CATEGORIES = {"illegal_parking", "street_vending", "road_occupation", "non_motor_parking"};

    private DemoWeek() {}

    static List<List<Violation>> cases(Instant now, int perDay) {
        Random random = new Random(20261204L);
        List<List<Violation>> out = new ArrayList<>();
        for (int day = 6; day >= 0; day--) {
            for (int i = 0; i < perDay; i++) {
                boolean hecun = random.nextInt(10) < 7;
                Instant seen = now.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(30 + random.nextInt(600)));
                out.add(history(random, hecun, seen, "w" + day + "-" + i));
            }
        }
        return out;
    }

    private static List<Violation> history(Random random, boolean hecun, Instant seen, String track) {
        String camera = hecun ? "cam-0001" : "cam-0134";
        String jurisdiction = hecun ? "hecun" : "tanshi";
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        Violation v = new Violation(ActionIds.violation(camera, "z-parking", track, seen), category, ViolationStatus.DETECTED, camera, null,
                "z-parking", jurisdiction, jurisdiction + "-g0" + (1 + random.nextInt(3)), track, "car", 28.74, 118.58, seen, null, null,
                null, null, seen, "seen for the dwell time");
        List<Violation> out = new ArrayList<>(List.of(v));
        Instant at = seen.plusSeconds(5 + random.nextInt(25));
        out.add(v = v.withStatus(ViolationStatus.WARNED, at, "voice warning played"));
        if (random.nextInt(100) < 45) {
            out.add(v.withStatus(ViolationStatus.RESOLVED_BY_WARNING, at.plusSeconds(60 + random.nextInt(60)), "gone within the grace period"));
            return out;
        }
        at = at.plusSeconds(120 + random.nextInt(60));
        String officer = hecun && random.nextInt(100) < 8 ? "off-2" + (1 + random.nextInt(5)) : officer(random, hecun); // nobody free at home
        out.add(v = v.withStatus(ViolationStatus.DISPATCHED, at, "still there after the grace period").withOfficer(officer));
        if (random.nextInt(100) < 20) {
            boolean rejected = random.nextBoolean();
            at = at.plusSeconds(rejected ? 30 + random.nextInt(60) : 300);
            out.add(v = v.withStatus(ViolationStatus.ESCALATED, at, rejected ? "rejected by " + officer + ": busy" : "not accepted by "
                    + officer + " in time").withOfficer(null));
            officer = hecun && random.nextInt(3) == 0 ? "off-2" + (1 + random.nextInt(5)) : officer(random, hecun);
            out.add(v = v.withStatus(ViolationStatus.DISPATCHED, at.plusSeconds(1), "reassigned").withOfficer(officer));
        }
        out.add(v = v.withStatus(ViolationStatus.ACCEPTED, at = at.plusSeconds(20 + random.nextInt(120)), null));
        out.add(v = v.withStatus(ViolationStatus.ARRIVED, at = at.plusSeconds(180 + random.nextInt(900)), null));
        out.add(v.withStatus(ViolationStatus.RESOLVED, at.plusSeconds(120 + random.nextInt(600)), null));
        return out;
    }

    private static String officer(Random random, boolean hecun) {
        return hecun ? String.format("off-%02d", 1 + random.nextInt(8)) : String.format("off-%02d", 21 + random.nextInt(5));
    }
}
