#include "ui/widgets/schedulecombo.h"

#include "ui/displaynames.h"

#include <QComboBox>

namespace ds::ui {

void fillScheduleKinds(QComboBox* combo) {
  for (ScheduleKind kind : {ScheduleKind::Linear, ScheduleKind::Cosine, ScheduleKind::Quadratic, ScheduleKind::Sigmoid})
    combo->addItem(displayName(toString(kind)), static_cast<int>(kind));
}

ScheduleKind scheduleKindAt(const QComboBox* combo, int index) {
  return static_cast<ScheduleKind>(combo->itemData(index).toInt());
}

void selectScheduleKind(QComboBox* combo, ScheduleKind kind) {
  const int index = combo->findData(static_cast<int>(kind));
  if (index >= 0) combo->setCurrentIndex(index);
}

}  // namespace ds::ui
