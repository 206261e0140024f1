#include "ui/lessons/mixture1d/mixture1dcontrols.h"

#include "ui/lessons/mixture1d/mixture1ddocument.h"
#include "ui/lessons/mixture1d/mixturetable.h"
#include "ui/widgets/denoiserbox.h"
#include "ui/widgets/schedulecombo.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
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

Mixture1DControls::Mixture1DControls(Mixture1DDocument* document, QWidget* parent) : QWidget(parent), m_doc(document) {
  m_denoiser = new DenoiserBox(1, this);
  m_denoiser->setObjectName(QStringLiteral("denoiser"));
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("status"));
  m_status->setWordWrap(true);
  m_status->setToolTip(
      tr("What the panels show. The reverse chain uses the exact ε-predictor E[ε | xₜ] of this "
         "mixture (a perfectly trained model) or the learned ε_θ chosen under Denoiser."));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(buildDataBox(), 1);
  layout->addWidget(buildProcessBox());
  layout->addWidget(m_denoiser);
  layout->addWidget(m_status);
  layout->addStretch(0);

  showMixture();
  showSchedule();
  showSampling();
  connectEdits();
}

QWidget* Mixture1DControls::buildDataBox() {
  auto* box = new QGroupBox(tr("Data q(x₀) = Σ wⱼ N(μⱼ, sⱼ²)"), this);
  box->setToolTip(tr("The data distribution: a mixture of 1-D Gaussians (the lecture's example has two modes)."));
  m_table = new MixtureTable(box);
  m_table->setObjectName(QStringLiteral("mixtureTable"));
  m_table->setMinimumHeight(110);
  m_reset = new QPushButton(tr("Lecture example"), box);
  m_reset->setObjectName(QStringLiteral("lectureExample"));
  m_reset->setToolTip(tr("Restore the lecture's bimodal data distribution."));
  auto* layout = new QVBoxLayout(box);
  layout->addWidget(m_table);
  layout->addWidget(m_reset);
  return box;
}

QWidget* Mixture1DControls::buildProcessBox() {
  auto* box = new QGroupBox(tr("Forward process q"), this);
  m_scheduleKind = new QComboBox(box);
  m_scheduleKind->setObjectName(QStringLiteral("scheduleKind"));
  fillScheduleKinds(m_scheduleKind);
  m_scheduleKind->setToolTip(
      tr("Variance schedule β₁…β_T: how much noise each forward step q(xₜ | xₜ₋₁) adds. "
         "linear: Ho et al. 2020; cosine: Nichol & Dhariwal 2021 (destroys signal more slowly)."));
  m_steps = spinBox(box, "steps", 10, 2000, 100, 1000,
                    tr("T: the number of forward steps. More, smaller steps make each reverse step easier to undo "
                       "(β is rescaled by 1000/T, so any T reaches ≈ N(0, 1))."));
  m_seed = spinBox(box, "seed", 0, 999999, 1, 0,
                   tr("Random seed of the particles and the noise ε: the same seed gives the same chains."));
  m_particles = spinBox(box, "particles", 100, 5000, 100, 2000,
                        tr("Number of particles: samples x₀ ~ q(x₀) run through the forward chain, and samples "
                           "x_T ~ N(0, 1) run through the reverse (DDPM) chain."));
  m_resample = new QPushButton(tr("Resample"), box);
  m_resample->setObjectName(QStringLiteral("resample"));
  m_resample->setToolTip(tr("Draw fresh particles and noise (next seed) and re-run both chains."));
  auto* form = new QFormLayout(box);
  form->addRow(tr("Schedule"), m_scheduleKind);
  form->addRow(tr("Steps T"), m_steps);
  form->addRow(tr("Seed"), m_seed);
  form->addRow(tr("Particles"), m_particles);
  form->addRow(m_resample);
  return box;
}

void Mixture1DControls::connectEdits() {
  connect(m_table, &MixtureTable::componentsChanged, this, [this] { m_doc->setComponents(m_table->components()); });
  connect(m_reset, &QPushButton::clicked, m_doc, &Mixture1DDocument::resetToLectureExample);
  connect(m_scheduleKind, &QComboBox::currentIndexChanged, this,
          [this](int index) { m_doc->setScheduleKind(scheduleKindAt(m_scheduleKind, index)); });
  connect(m_steps, &QSpinBox::valueChanged, m_doc, &Mixture1DDocument::setSteps);
  connect(m_seed, &QSpinBox::valueChanged, this, [this](int v) { m_doc->setSeed(static_cast<std::uint64_t>(v)); });
  connect(m_particles, &QSpinBox::valueChanged, m_doc, &Mixture1DDocument::setParticles);
  connect(m_resample, &QPushButton::clicked, this, [this] { m_doc->setSeed(m_doc->seed() + 1); });
  connect(m_denoiser, &DenoiserBox::changed, this, &Mixture1DControls::adoptDenoiserChoice);
  connect(m_denoiser, &DenoiserBox::modelUpdated, this, &Mixture1DControls::adoptDenoiserChoice);

  connect(m_doc, &Mixture1DDocument::mixtureChanged, this, &Mixture1DControls::showMixture);
  connect(m_doc, &Mixture1DDocument::scheduleChanged, this, &Mixture1DControls::showSchedule);
  connect(m_doc, &Mixture1DDocument::samplingChanged, this, &Mixture1DControls::showSampling);
  connect(m_doc, &Mixture1DDocument::denoiserChanged, this, &Mixture1DControls::showLock);
}

void Mixture1DControls::adoptDenoiserChoice() {
  m_doc->setLearned(m_denoiser->isLearned() ? m_denoiser->model() : nullptr, m_denoiser->mixture());
}

void Mixture1DControls::showMixture() {
  const std::vector<Component1D> rows = Mixture1DDocument::fromMixture(m_doc->mixture());
  // Rebuilding the rows while one of their spin boxes reports its edit would delete it mid-signal:
  // only rebuild when the table does not already show the document.
  if (m_table->components() != rows) m_table->setComponents(rows);
}

void Mixture1DControls::showSchedule() {
  const ScheduleSpec spec = m_doc->effectiveSchedule();
  const QSignalBlocker b1(m_scheduleKind), b2(m_steps);
  selectScheduleKind(m_scheduleKind, spec.kind);
  m_steps->setValue(spec.steps);
}

void Mixture1DControls::showSampling() {
  const QSignalBlocker b1(m_seed), b2(m_particles);
  m_seed->setValue(static_cast<int>(m_doc->seed()));
  m_particles->setValue(m_doc->particles());
}

void Mixture1DControls::showLock() {
  // The comparison only means something on the data and forward process the model was trained for.
  const bool locked = m_doc->isLocked();
  const QString tip =
      tr("Locked: the learned model was trained on this data and schedule. Switch the denoiser "
         "back to exact to edit.");
  for (QWidget* w : std::initializer_list<QWidget*>{m_table, m_reset, m_scheduleKind, m_steps}) {
    w->setEnabled(!locked);
    w->setStatusTip(locked ? tip : QString());
  }
}

void Mixture1DControls::setStatus(const QString& html) { m_status->setText(html); }

}  // namespace ds::ui
