#pragma once
// The "Score & Langevin" page's settings in the lesson's control column: the mode (Langevin at the
// timeline's t, or annealed from T down to 1), particles, updates per level, the step size rule
// (signal-to-noise ratio r or a fixed δ), the number of annealing levels and the final denoising
// step, where the particles start, and the seed. Children are named (tests find them).

#include "ui/lessons/likelihood/scorejobs.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace ds::ui {

class ScoreControls : public QWidget {
  Q_OBJECT

 public:
  explicit ScoreControls(QWidget* parent = nullptr);

  ScoreSettings settings() const;
  // Shows `s` (no settingsChanged).
  void setSettings(const ScoreSettings& s);
  // The data's dimension (how the start point reads) and T (the most annealing levels).
  void setSetupShape(int dim, int T);

 Q_SIGNALS:
  void settingsChanged();

 private:
  void updateEnabled();
  void showStart();

  ScoreSettings m_settings;  // what the widgets do not hold: the start point
  int m_dim = 2;
  QComboBox* m_mode = nullptr;
  QSpinBox* m_particles = nullptr;
  QSpinBox* m_stepsPerLevel = nullptr;
  QComboBox* m_stepRule = nullptr;
  QDoubleSpinBox* m_snr = nullptr;
  QDoubleSpinBox* m_delta = nullptr;
  QSpinBox* m_levels = nullptr;
  QCheckBox* m_denoiseFinal = nullptr;
  QComboBox* m_start = nullptr;
  QLabel* m_startPoint = nullptr;
  QSpinBox* m_seed = nullptr;
};

}  // namespace ds::ui
