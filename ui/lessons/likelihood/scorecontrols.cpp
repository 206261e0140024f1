#include "ui/lessons/likelihood/scorecontrols.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace ds::ui {

namespace {

QSpinBox* spinBox(QWidget* parent, const char* name, int lo, int hi, int value, const QString& tip) {
  auto* box = new QSpinBox(parent);
  box->setObjectName(QLatin1String(name));
  box->setRange(lo, hi);
  box->setValue(value);
  box->setKeyboardTracking(false);  // one committed edit = one new job
  box->setToolTip(tip);
  return box;
}

QDoubleSpinBox* doubleBox(QWidget* parent, const char* name, double lo, double hi, double step, int decimals,
                          double value, const QString& tip) {
  auto* box = new QDoubleSpinBox(parent);
  box->setObjectName(QLatin1String(name));
  box->setRange(lo, hi);
  box->setSingleStep(step);
  box->setDecimals(decimals);
  box->setValue(value);
  box->setKeyboardTracking(false);
  box->setToolTip(tip);
  return box;
}

}  // namespace

ScoreControls::ScoreControls(QWidget* parent) : QWidget(parent) {
  auto* box = new QGroupBox(tr("Langevin dynamics"), this);
  m_mode = new QComboBox(box);
  m_mode->setObjectName(QStringLiteral("scoreMode"));
  m_mode->addItem(tr("At the timeline's t"));
  m_mode->addItem(tr("Annealed, T → 1"));
  m_mode->setToolTip(
      tr("At the timeline's t: Langevin dynamics x ← x + δ∇log q(xₜ) + √(2δ) z with the score of one "
         "level; the particles settle into q(xₜ). Annealed (Song & Ermon 2019): the same updates at "
         "levels from T down to 1, each level starting where the last one ended; the particles end "
         "near the data."));
  m_particles = spinBox(box, "scoreParticles", 10, 5000, 500, tr("Number of particles."));
  m_stepsPerLevel = spinBox(box, "scoreStepsPerLevel", 1, 2000, 100,
                            tr("Langevin updates at each level (at the one level of the fixed-t mode)."));
  m_stepRule = new QComboBox(box);
  m_stepRule->setObjectName(QStringLiteral("scoreStepRule"));
  m_stepRule->addItem(tr("Signal-to-noise ratio r"));
  m_stepRule->addItem(tr("Fixed δ"));
  m_stepRule->setToolTip(
      tr("SNR rule (Song et al. 2021, Alg. 5): δ = 2αₜ (r‖z‖/‖∇log q‖)², so the noise is r times the "
         "drift at every level. Fixed: the same δ everywhere (too large a δ for a narrow q(xₜ) diverges)."));
  m_snr = doubleBox(box, "scoreSnr", 0.001, 2.0, 0.01, 3, 0.16, tr("r: the signal-to-noise ratio of each update."));
  m_delta = doubleBox(box, "scoreDelta", 0.00001, 1.0, 0.001, 5, 0.01, tr("δ: the step size (in x units²)."));
  m_levels =
      spinBox(box, "scoreLevels", 2, 2000, 10, tr("Annealed: the number of levels, evenly spaced from T down to 1."));
  m_denoiseFinal = new QCheckBox(tr("Final denoising step"), box);
  m_denoiseFinal->setObjectName(QStringLiteral("scoreDenoiseFinal"));
  m_denoiseFinal->setChecked(true);
  m_denoiseFinal->setToolTip(
      tr("Annealed: after the last level, replace x by x̂₀ = (x − √(1−ᾱₜ) ε̂)/√ᾱₜ (Tweedie's formula)."));
  m_start = new QComboBox(box);
  m_start->setObjectName(QStringLiteral("scoreStart"));
  m_start->addItem(tr("x ~ N(0, I)"));
  m_start->addItem(tr("One point (click the plot)"));
  m_start->setToolTip(tr("Where the particles start. Clicking the plot chooses the point."));
  m_startPoint = new QLabel(box);
  m_startPoint->setObjectName(QStringLiteral("scoreStartPoint"));
  m_seed = spinBox(box, "scoreSeed", 0, 999999, 0, tr("Random seed: the same seed gives the same run."));

  auto* form = new QFormLayout(box);
  form->addRow(tr("Mode"), m_mode);
  form->addRow(tr("Particles"), m_particles);
  form->addRow(tr("Updates per level"), m_stepsPerLevel);
  form->addRow(tr("Step size"), m_stepRule);
  form->addRow(tr("r"), m_snr);
  form->addRow(tr("δ"), m_delta);
  form->addRow(tr("Levels"), m_levels);
  form->addRow(m_denoiseFinal);
  form->addRow(tr("Start"), m_start);
  form->addRow(QString(), m_startPoint);
  form->addRow(tr("Seed"), m_seed);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(box);

  auto changed = [this] {
    updateEnabled();
    Q_EMIT settingsChanged();
  };
  connect(m_mode, &QComboBox::currentIndexChanged, this, changed);
  connect(m_stepRule, &QComboBox::currentIndexChanged, this, changed);
  connect(m_start, &QComboBox::currentIndexChanged, this, changed);
  connect(m_denoiseFinal, &QCheckBox::toggled, this, changed);
  for (QSpinBox* s : {m_particles, m_stepsPerLevel, m_levels, m_seed})
    connect(s, &QSpinBox::valueChanged, this, changed);
  for (QDoubleSpinBox* s : {m_snr, m_delta}) connect(s, &QDoubleSpinBox::valueChanged, this, changed);
  setSettings(m_settings);
}

ScoreSettings ScoreControls::settings() const {
  ScoreSettings s = m_settings;
  s.mode = m_mode->currentIndex() == 1 ? LangevinMode::Annealed : LangevinMode::FixedT;
  s.particles = m_particles->value();
  s.stepsPerLevel = m_stepsPerLevel->value();
  s.snrRule = m_stepRule->currentIndex() == 0;
  s.snr = m_snr->value();
  s.stepSize = m_delta->value();
  s.levels = m_levels->value();
  s.denoiseFinal = m_denoiseFinal->isChecked();
  s.startAtPoint = m_start->currentIndex() == 1;
  s.seed = static_cast<std::uint64_t>(m_seed->value());
  return s;
}

void ScoreControls::setSettings(const ScoreSettings& s) {
  m_settings = s;
  const QSignalBlocker b1(m_mode), b2(m_particles), b3(m_stepsPerLevel), b4(m_stepRule), b5(m_snr), b6(m_delta),
      b7(m_levels), b8(m_denoiseFinal), b9(m_start), b10(m_seed);
  m_mode->setCurrentIndex(s.mode == LangevinMode::Annealed ? 1 : 0);
  m_particles->setValue(s.particles);
  m_stepsPerLevel->setValue(s.stepsPerLevel);
  m_stepRule->setCurrentIndex(s.snrRule ? 0 : 1);
  m_snr->setValue(s.snr);
  m_delta->setValue(s.stepSize);
  m_levels->setValue(s.levels);
  m_denoiseFinal->setChecked(s.denoiseFinal);
  m_start->setCurrentIndex(s.startAtPoint ? 1 : 0);
  m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(s.seed, 999999)));
  updateEnabled();
}

void ScoreControls::setSetupShape(int dim, int T) {
  m_dim = dim;
  const QSignalBlocker block(m_levels);
  m_levels->setMaximum(std::max(2, T));
  showStart();
}

void ScoreControls::updateEnabled() {
  const bool annealed = m_mode->currentIndex() == 1;
  m_levels->setEnabled(annealed);
  m_denoiseFinal->setEnabled(annealed);
  m_snr->setEnabled(m_stepRule->currentIndex() == 0);
  m_delta->setEnabled(m_stepRule->currentIndex() == 1);
  showStart();
}

void ScoreControls::showStart() {
  const bool point = m_start->currentIndex() == 1;
  m_startPoint->setVisible(point);
  const double x = m_settings.start.size() > 0 ? m_settings.start[0] : 0.0;
  const double y = m_settings.start.size() > 1 ? m_settings.start[1] : 0.0;
  m_startPoint->setText(m_dim == 1 ? tr("x = %1").arg(x, 0, 'f', 2)
                                   : tr("(x₁, x₂) = (%1, %2)").arg(x, 0, 'f', 2).arg(y, 0, 'f', 2));
}

}  // namespace ds::ui
