#include "ui/lessons/mixture2d/mixture2dcontrols.h"

#include "ui/lessons/mixture2d/mixture2ddocument.h"
#include "ui/lessons/mixture2d/presets.h"
#include "ui/widgets/denoiserbox.h"
#include "ui/widgets/schedulecombo.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ds::ui {

namespace {

QSpinBox* spinBox(QWidget* parent, const char* name, int lo, int hi, int step, int value, const QString& tip) {
  auto* box = new QSpinBox(parent);
  box->setObjectName(QLatin1String(name));
  box->setRange(lo, hi);
  box->setSingleStep(step);
  box->setValue(value);
  box->setKeyboardTracking(false);  // one committed edit = one new job
  box->setToolTip(tip);
  return box;
}

}  // namespace

Mixture2DControls::Mixture2DControls(Mixture2DDocument* document, QWidget* parent) : QWidget(parent), m_doc(document) {
  m_denoiser = new DenoiserBox(2, this);
  m_denoiser->setObjectName(QStringLiteral("denoiser"));
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("status"));
  m_status->setWordWrap(true);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(buildDataBox());
  layout->addWidget(buildProcessBox());
  layout->addWidget(m_denoiser);
  layout->addWidget(buildShowBox());
  layout->addWidget(m_status);
  layout->addStretch(1);

  showMixture();
  showSchedule();
  showSampler();
  showSampling();
  showView();
  connectEdits();
  connectDocument();
}

QWidget* Mixture2DControls::buildDataBox() {
  auto* box = new QGroupBox(tr("Data q(x₀)"), this);
  m_preset = new QComboBox(box);
  m_preset->setObjectName(QStringLiteral("preset"));
  for (const Mixture2DPreset& p : mixture2DPresets()) m_preset->addItem(p.name, p.spec);
  m_preset->setToolTip(tr("Ready-made data distributions (2-D Gaussian mixtures)."));
  m_spec = new QLineEdit(box);
  m_spec->setObjectName(QStringLiteral("spec"));
  m_spec->setToolTip(
      tr("The data mixture: components separated by ';', each weight:mx,my:std, e.g. "
         "0.3:1,1:0.2;0.7:-1,0:0.5. Press Enter to apply."));
  m_specError = new QLabel(box);
  m_specError->setObjectName(QStringLiteral("specError"));
  m_specError->setWordWrap(true);
  m_specError->setStyleSheet(QStringLiteral("color: #b00000;"));
  m_specError->hide();
  m_apply = new QPushButton(tr("Apply"), box);
  m_apply->setObjectName(QStringLiteral("applySpec"));
  m_apply->setToolTip(tr("Use the mixture typed above (a bad spec is reported here and changes nothing)."));
  auto* specRow = new QHBoxLayout;
  specRow->addWidget(m_spec, 1);
  specRow->addWidget(m_apply);
  auto* layout = new QVBoxLayout(box);
  layout->addWidget(m_preset);
  layout->addLayout(specRow);
  layout->addWidget(m_specError);
  return box;
}

QWidget* Mixture2DControls::buildProcessBox() {
  auto* box = new QGroupBox(tr("Process and sampler"), this);
  m_scheduleKind = new QComboBox(box);
  m_scheduleKind->setObjectName(QStringLiteral("scheduleKind"));
  fillScheduleKinds(m_scheduleKind);
  m_scheduleKind->setToolTip(tr("Variance schedule β₁…β_T of the forward process q(xₜ | xₜ₋₁)."));
  m_steps = spinBox(box, "steps", 10, 2000, 100, 1000, tr("T: the number of forward noising steps."));
  m_sampler = new QComboBox(box);
  m_sampler->setObjectName(QStringLiteral("sampler"));
  m_sampler->addItem(tr("DDPM"));
  m_sampler->addItem(tr("DDIM"));
  m_sampler->setToolTip(
      tr("DDPM: ancestral sampling, one Gaussian reverse step p(xₜ₋₁ | xₜ) per t. DDIM: skips "
         "along S of the T steps; η = 0 is deterministic, η = 1 ≈ DDPM noise."));
  m_ddimSteps = spinBox(box, "ddimSteps", 1, 2000, 1, 50,
                        tr("S: number of DDIM steps (an evenly spaced subsequence of 1…T). The reverse "
                           "trajectory has only S+1 recorded t; the plot shows the nearest one."));
  m_eta = new QDoubleSpinBox(box);
  m_eta->setObjectName(QStringLiteral("eta"));
  m_eta->setRange(0, 1);
  m_eta->setSingleStep(0.1);
  m_eta->setDecimals(2);
  m_eta->setKeyboardTracking(false);
  m_eta->setToolTip(tr("η: DDIM stochasticity. 0 = deterministic (probability-flow-like), 1 ≈ DDPM."));
  m_seed = spinBox(box, "seed", 0, 999999, 1, 0,
                   tr("Random seed of the particles and the noise: the same seed gives the same run."));
  m_particles = spinBox(box, "particles", 50, 5000, 100, 1000,
                        tr("Number of particles in the forward chain (from data) and the sampler (from N(0, I))."));
  m_regenerate = new QPushButton(tr("Regenerate"), box);
  m_regenerate->setObjectName(QStringLiteral("regenerate"));
  m_regenerate->setToolTip(tr("Draw fresh particles and noise (next seed) and run the chains again."));
  auto* form = new QFormLayout(box);
  form->addRow(tr("Schedule"), m_scheduleKind);
  form->addRow(tr("Steps T"), m_steps);
  form->addRow(tr("Sampler"), m_sampler);
  form->addRow(tr("DDIM steps S"), m_ddimSteps);
  form->addRow(tr("DDIM η"), m_eta);
  form->addRow(tr("Seed"), m_seed);
  form->addRow(tr("Particles"), m_particles);
  form->addRow(m_regenerate);
  return box;
}

QWidget* Mixture2DControls::buildShowBox() {
  auto* box = new QGroupBox(tr("Show"), this);
  m_showField = new QCheckBox(tr("Vector field"), box);
  m_showField->setObjectName(QStringLiteral("showField"));
  m_showField->setToolTip(
      tr("Arrows of the score ∇log q(xₜ) (where density increases) or of −ε̂ on a grid. Length "
         "∝ √|v|, normalised per t."));
  m_fieldKind = new QComboBox(box);
  m_fieldKind->setObjectName(QStringLiteral("fieldKind"));
  m_fieldKind->addItem(tr("score ∇log q(xₜ)"), static_cast<int>(FieldKind::Score));
  m_fieldKind->addItem(tr("−ε̂ = −E[ε | xₜ]"), static_cast<int>(FieldKind::NegativeEps));
  m_fieldKind->setToolTip(
      tr("The score and the negative noise prediction point the same way: "
         "E[ε | xₜ] = −√(1−ᾱₜ) ∇log q(xₜ)."));
  m_showPaths = new QCheckBox(tr("Paths of 5 particles"), box);
  m_showPaths->setObjectName(QStringLiteral("showPaths"));
  m_showPaths->setToolTip(
      tr("The path so far of the first five particles (from x₀ going forward, from x_T in "
         "reverse); circles mark them at t."));
  auto* layout = new QVBoxLayout(box);
  layout->addWidget(m_showField);
  layout->addWidget(m_fieldKind);
  layout->addWidget(m_showPaths);
  return box;
}

void Mixture2DControls::connectEdits() {
  connect(m_preset, &QComboBox::activated, this, [this](int index) {
    m_spec->setText(m_preset->itemData(index).toString());
    m_spec->setCursorPosition(0);
    applySpec();
  });
  connect(m_spec, &QLineEdit::returnPressed, this, &Mixture2DControls::applySpec);
  connect(m_apply, &QPushButton::clicked, this, &Mixture2DControls::applySpec);
  connect(m_scheduleKind, &QComboBox::currentIndexChanged, this,
          [this](int index) { m_doc->setScheduleKind(scheduleKindAt(m_scheduleKind, index)); });
  connect(m_steps, &QSpinBox::valueChanged, m_doc, &Mixture2DDocument::setSteps);
  connect(m_sampler, &QComboBox::currentIndexChanged, this, &Mixture2DControls::editSampler);
  connect(m_ddimSteps, &QSpinBox::valueChanged, this, &Mixture2DControls::editSampler);
  connect(m_eta, &QDoubleSpinBox::valueChanged, this, &Mixture2DControls::editSampler);
  connect(m_seed, &QSpinBox::valueChanged, this, [this](int v) { m_doc->setSeed(static_cast<std::uint64_t>(v)); });
  connect(m_particles, &QSpinBox::valueChanged, m_doc, &Mixture2DDocument::setParticles);
  connect(m_regenerate, &QPushButton::clicked, this, [this] { m_doc->setSeed(m_doc->seed() + 1); });
  connect(m_showField, &QCheckBox::toggled, m_doc, &Mixture2DDocument::setShowField);
  connect(m_fieldKind, &QComboBox::currentIndexChanged, this,
          [this](int index) { m_doc->setFieldKind(static_cast<FieldKind>(m_fieldKind->itemData(index).toInt())); });
  connect(m_showPaths, &QCheckBox::toggled, m_doc, &Mixture2DDocument::setShowPaths);
  auto adopt = [this] {
    m_doc->setLearned(m_denoiser->isLearned() ? m_denoiser->model() : nullptr, m_denoiser->mixture());
  };
  connect(m_denoiser, &DenoiserBox::changed, this, adopt);
  connect(m_denoiser, &DenoiserBox::modelUpdated, this, adopt);
}

void Mixture2DControls::connectDocument() {
  connect(m_doc, &Mixture2DDocument::mixtureChanged, this, &Mixture2DControls::showMixture);
  connect(m_doc, &Mixture2DDocument::scheduleChanged, this, &Mixture2DControls::showSchedule);
  connect(m_doc, &Mixture2DDocument::samplerChanged, this, &Mixture2DControls::showSampler);
  connect(m_doc, &Mixture2DDocument::samplingChanged, this, &Mixture2DControls::showSampling);
  connect(m_doc, &Mixture2DDocument::viewChanged, this, &Mixture2DControls::showView);
  connect(m_doc, &Mixture2DDocument::denoiserChanged, this, &Mixture2DControls::showLock);
}

bool Mixture2DControls::applySpec() {
  QString error;
  if (!m_doc->setMixtureSpec(m_spec->text(), &error)) {
    // The user's text stays, so it can be corrected.
    m_specError->setText(tr("Not applied: %1").arg(error));
    m_specError->show();
    return false;
  }
  m_specError->hide();
  return true;
}

void Mixture2DControls::editSampler() {
  Sampler2D s;
  s.ddim = m_sampler->currentIndex() == 1;
  s.ddimSteps = m_ddimSteps->value();
  s.eta = m_eta->value();
  m_doc->setSampler(s);
}

void Mixture2DControls::showMixture() {
  m_spec->setText(QString::fromStdString(m_doc->mixture().toSpec()));
  m_spec->setCursorPosition(0);
  m_specError->hide();
}

void Mixture2DControls::showSchedule() {
  const ScheduleSpec spec = m_doc->effectiveSchedule();
  const QSignalBlocker b1(m_scheduleKind), b2(m_steps);
  selectScheduleKind(m_scheduleKind, spec.kind);
  m_steps->setValue(spec.steps);
}

void Mixture2DControls::showSampler() {
  const Sampler2D& s = m_doc->sampler();
  const QSignalBlocker b1(m_sampler), b2(m_ddimSteps), b3(m_eta);
  m_sampler->setCurrentIndex(s.ddim ? 1 : 0);
  m_ddimSteps->setValue(s.ddimSteps);
  m_eta->setValue(s.eta);
  m_ddimSteps->setEnabled(s.ddim);
  m_eta->setEnabled(s.ddim);
}

void Mixture2DControls::showSampling() {
  const QSignalBlocker b1(m_seed), b2(m_particles);
  m_seed->setValue(static_cast<int>(m_doc->seed()));
  m_particles->setValue(m_doc->particles());
}

void Mixture2DControls::showView() {
  const QSignalBlocker b1(m_showField), b2(m_fieldKind), b3(m_showPaths);
  m_showField->setChecked(m_doc->showField());
  m_fieldKind->setCurrentIndex(m_fieldKind->findData(static_cast<int>(m_doc->fieldKind())));
  m_fieldKind->setEnabled(m_doc->showField());
  m_showPaths->setChecked(m_doc->showPaths());
}

void Mixture2DControls::showLock() {
  // The comparison only means something on the data and forward process the model was trained for.
  const bool locked = m_doc->isLocked();
  const QString tip =
      tr("Locked: the learned model was trained on this data and schedule. Switch the denoiser "
         "back to exact to edit.");
  for (QWidget* w : std::initializer_list<QWidget*>{m_preset, m_spec, m_apply, m_scheduleKind, m_steps}) {
    w->setEnabled(!locked);
    w->setStatusTip(locked ? tip : QString());
  }
}

void Mixture2DControls::setStatus(const QString& html) { m_status->setText(html); }

}  // namespace ds::ui
