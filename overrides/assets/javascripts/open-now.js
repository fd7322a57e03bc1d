/*
 * Open-now status next to the clinic's opening hours: "Open now · closes 5:00 PM" or
 * "Closed · opens 9:00 AM tomorrow".
 *
 * The hours come from the JSON data block the clinic partial renders (#clinic-hours-data),
 * made from the same clinic data as the visible hours. Times are computed in the clinic's
 * time zone, whatever the visitor's, and the text updates itself at the next opening,
 * closing or midnight without a reload. Without JavaScript the status elements stay
 * hidden and the hours stand alone.
 *
 * Plain JavaScript, no library, no inline script (the site's Content-Security-Policy).
 * The computation is small pure functions, exposed as window.clinicOpenNow for tests.
 */
(function () {
  "use strict";

  var DAY_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var MINUTES_PER_DAY = 24 * 60;
  var SEPARATOR = " \u00b7 ";

  /* "09:30" -> 570 (minutes since midnight). */
  function parseMinutes(text) {
    var parts = String(text).split(":");
    return Number(parts[0]) * 60 + Number(parts[1]);
  }

  /* The week from the data block as 7 lists (Monday first) of [opens, closes] in minutes,
     sorted, with touching ranges merged ("09:00-12:00" and "12:00-17:00" is one opening). */
  function weekInMinutes(week) {
    return DAY_KEYS.map(function (key) {
      var ranges = (week[key] || []).map(function (range) {
        return [parseMinutes(range[0]), parseMinutes(range[1])];
      }).sort(function (a, b) { return a[0] - b[0]; });
      var merged = [];
      ranges.forEach(function (range) {
        var last = merged[merged.length - 1];
        if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
        else merged.push(range.slice());
      });
      return merged;
    });
  }

  /* The clinic's offset from UTC, in minutes, at an instant (ms since the epoch).
     `zone` is the hours data: {timeZone, utcOffsets: {changes: [[seconds, minutes], ...],
     until: seconds}}. The build writes the offsets (scripts/clinic_site/structured_data.py)
     because a browser loads its time-zone data the first time a page asks for a zone's
     wall clock, blocking a phone for 100-200 ms; it is asked only past the table's end. */
  function utcOffset(zone, instant) {
    var table = zone.utcOffsets;
    if (table && table.changes && table.changes.length &&
        instant >= table.changes[0][0] * 1000 && instant < table.until * 1000) {
      for (var i = table.changes.length - 1; i >= 0; i--) {
        if (table.changes[i][0] * 1000 <= instant) return table.changes[i][1];
      }
    }
    return browserUtcOffset(zone.timeZone, instant);
  }

  /* One formatter per time zone: making one is the slow part, using it is quick. */
  var formatters = {};

  function browserUtcOffset(timeZone, instant) {
    if (!formatters[timeZone]) {
      formatters[timeZone] = new Intl.DateTimeFormat("en-US", {
        timeZone: timeZone, hourCycle: "h23",
        year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", second: "numeric"
      });
    }
    var parts = {};
    formatters[timeZone].formatToParts(new Date(instant)).forEach(function (part) {
      parts[part.type] = Number(part.value);
    });
    var shown = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
    return Math.round((shown - Math.floor(instant / 1000) * 1000) / 60000);
  }

  /* The clinic's wall clock at an instant:
     {year, month, day, dayIndex (0 = Monday), minutes (since midnight), seconds}. */
  function wallClock(instant, zone) {
    var shown = new Date(instant + utcOffset(zone, instant) * 60000);
    return {
      year: shown.getUTCFullYear(), month: shown.getUTCMonth() + 1, day: shown.getUTCDate(),
      dayIndex: (shown.getUTCDay() + 6) % 7,
      minutes: shown.getUTCHours() * 60 + shown.getUTCMinutes(),
      seconds: shown.getUTCSeconds()
    };
  }

  /* The instant at which the clinic's wall clock shows `minutes` after midnight on a
     date (minutes may be 1440: the next midnight). Correct across daylight-saving changes. */
  function instantOfWallTime(year, month, day, minutes, zone) {
    var asIfUtc = Date.UTC(year, month - 1, day, 0, minutes);
    var guess = asIfUtc - utcOffset(zone, asIfUtc) * 60000;
    return asIfUtc - utcOffset(zone, guess) * 60000;
  }

  /* Open or closed at a wall-clock time, and the next change.
     {open: true, closes} or {open: false, opens, daysAhead, dayIndex}; times in minutes. */
  function statusAt(week, dayIndex, minutes) {
    var today = week[dayIndex];
    for (var i = 0; i < today.length; i++) {
      if (today[i][0] <= minutes && minutes < today[i][1]) return { open: true, closes: today[i][1] };
    }
    for (var ahead = 0; ahead <= 7; ahead++) {
      var day = (dayIndex + ahead) % 7;
      for (var j = 0; j < week[day].length; j++) {
        if (ahead > 0 || week[day][j][0] > minutes) {
          return { open: false, opens: week[day][j][0], daysAhead: ahead, dayIndex: day };
        }
      }
    }
    return { open: false };
  }

  /* 540 -> "9:00 AM", 1020 -> "5:00 PM": as the hours lines write them. */
  function formatTime(minutes) {
    var hour = Math.floor(minutes / 60) % 24;
    var minute = minutes % 60;
    return (hour % 12 || 12) + ":" + (minute < 10 ? "0" : "") + minute + " " + (hour < 12 ? "AM" : "PM");
  }

  function describeStatus(status) {
    if (status.open) return "Open now" + SEPARATOR + "closes " + formatTime(status.closes);
    if (status.opens === undefined) return "Closed";
    var when;
    if (status.daysAhead === 0) when = "today";
    else if (status.daysAhead === 1) when = "tomorrow";
    else if (status.daysAhead === 7) when = "next " + DAY_NAMES[status.dayIndex];
    else when = DAY_NAMES[status.dayIndex];
    return "Closed" + SEPARATOR + "opens " + formatTime(status.opens) + " " + when;
  }

  /* The status text at an instant, and the instant it may next change: the next opening
     or closing today, or midnight (when "tomorrow" becomes "today"). */
  function openNow(hours, instant) {
    var week = weekInMinutes(hours.week);
    var wall = wallClock(instant, hours);
    var status = statusAt(week, wall.dayIndex, wall.minutes);
    var next = MINUTES_PER_DAY;
    week[wall.dayIndex].forEach(function (range) {
      range.forEach(function (edge) {
        if (edge > wall.minutes && edge < next) next = edge;
      });
    });
    return {
      open: status.open,
      text: describeStatus(status),
      nextChange: instantOfWallTime(wall.year, wall.month, wall.day, next, hours)
    };
  }

  window.clinicOpenNow = {
    weekInMinutes: weekInMinutes, utcOffset: utcOffset, wallClock: wallClock, instantOfWallTime: instantOfWallTime,
    statusAt: statusAt, formatTime: formatTime, describeStatus: describeStatus, openNow: openNow
  };

  /* The page: fill every [data-open-now] element and keep it current. */
  var data = document.getElementById("clinic-hours-data");
  var elements = document.querySelectorAll("[data-open-now]");
  if (!data || !elements.length) return;
  var hours;
  try {
    hours = JSON.parse(data.textContent);
  } catch (error) {
    return; // no status rather than a wrong one; the hours are still shown
  }

  var timer = null;
  function render() {
    var now = Date.now();
    var result;
    try {
      result = openNow(hours, now);
    } catch (error) {
      return; // e.g. a browser without time zone data: the hours alone, no wrong status
    }
    Array.prototype.forEach.call(elements, function (element) {
      if (element.textContent !== result.text) element.textContent = result.text;
      element.classList.toggle("clinic-open-now--open", result.open);
      element.classList.toggle("clinic-open-now--closed", !result.open);
      element.hidden = false;
      // Announced politely only when it changes while the visitor is here: the first
      // text is read in place, like the hours around it. One element speaks per page.
      if (element.getAttribute("data-open-now") === "announce" && !element.hasAttribute("aria-live")) {
        element.setAttribute("aria-live", "polite");
        element.setAttribute("aria-atomic", "true");
      }
    });
    clearTimeout(timer);
    // A moment after the boundary, so the wall clock is past it when we look again.
    timer = setTimeout(render, Math.max(result.nextChange - now, 0) + 1000);
  }

  render();
  // Timers sleep with the device or a background tab: look again when the page is back.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") render();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) render();
  });
})();
