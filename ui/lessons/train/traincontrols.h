#pragma once
// The Train lesson's control column: every widget (each with an objectName, so tests and the
// main window find them) built from the document's current values. The lesson connects them to
// the document; nothing here holds state of its own.

#include <QList>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QWidget;

namespace ds::ui {

class TrainDocument;

struct TrainControls {
  // Data q(x₀)
  QComboBox* dataCombo = nullptr;
  QSpinBox* points = nullptr;
  QDoubleSpinBox* brushRadius = nullptr;
  QSpinBox* brushDensity = nullptr;
  QPushButton* clear = nullptr;
  QPushButton* loadCsv = nullptr;
  QLabel* dataInfo = nullptr;
  // Process and network
  QComboBox* scheduleKind = nullptr;
  QSpinBox* steps = nullptr;
  QSpinBox* width = nullptr;
  QSpinBox* depth = nullptr;
  // Training
  QDoubleSpinBox* lr = nullptr;
  QSpinBox* batch = nullptr;
  QSpinBox* iterations = nullptr;
  QSpinBox* seed = nullptr;
  QComboBox* weighting = nullptr;
  QPushButton* train = nullptr;
  QPushButton* pause = nullptr;
  QPushButton* resume = nullptr;
  QPushButton* stop = nullptr;
  QPushButton* save = nullptr;
  QPushButton* load = nullptr;
  QCheckBox* logScale = nullptr;
  QCheckBox* showBands = nullptr;
  QLabel* progress = nullptr;
  QLabel* metric = nullptr;
  QLabel* status = nullptr;
  QList<QWidget*> setupWidgets;  // locked while a trainer is running or paused
};

// Builds the column into `c` and returns it (a scroll area, parented to `owner`).
QWidget* buildControls(TrainControls& c, const TrainDocument& doc, QWidget* owner);

}  // namespace ds::ui
