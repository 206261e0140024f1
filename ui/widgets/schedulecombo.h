#pragma once
// A combo box of the schedule kinds that carries the ds::ScheduleKind as item data, so the
// lessons read the enum from it and never parse the label (which is translatable text).

#include "core/schedule.h"

class QComboBox;

namespace ds::ui {

// Adds one item per kind: label toString(kind), data the enum value.
void fillScheduleKinds(QComboBox* combo);
ScheduleKind scheduleKindAt(const QComboBox* combo, int index);
// Selects `kind` (emits currentIndexChanged like any programmatic change; block it if needed).
void selectScheduleKind(QComboBox* combo, ScheduleKind kind);

}  // namespace ds::ui
