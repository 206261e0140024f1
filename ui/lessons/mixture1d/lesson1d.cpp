#include "ui/lessons/lesson1d.h"

#include "core/gmm.h"
#include "core/models/denoiser.h"
#include "ui/jobrunner.h"
#include "ui/lessons/denoiserbox.h"
#include "ui/lessons/controlsscroll.h"
#include "ui/lessons/densityview.h"
#include "ui/lessons/histogramview.h"
#include "ui/lessons/jobslot.h"
#include "ui/lessons/learnedeval.h"
#include "ui/lessons/lesson1djob.h"
#include "ui/lessons/mixturetable.h"
#include "ui/lessons/posteriorpanel.h"
#include "ui/modelstore.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTextStream>
#include <QVBoxLayout>

#include <algorithm>

namespace ds::ui {

struct Lesson1D::State {
  GaussianMixture data;  // of the shown result
  NoiseSchedule schedule;
  std::shared_ptr<const Lesson1DResult> result;
  Direction direction = Direction::Forward;
  int t = 0;
  quint64 generation = 0;
  JobSlot* slot = nullptr;
  JobSlot* probeSlot = nullptr;
  ScrubAntialiasing* scrub = nullptr;
  PlotStyle style;
  std::shared_ptr<const LearnedModel> learned;  // of the shown result (null: exact denoiser)
  QSplitter* rows = nullptr;  // heatmap above, histogram and posterior panel below
};

namespace {

std::vector<Component1D> toRows(const GaussianMixture& m) {
  std::vector<Component1D> rows;
  for (const auto& c : m.components()) rows.push_back({c.weight, c.mean.at(0), c.std});
  return rows;
}

GaussianMixture fromRows(const std::vector<Component1D>& rows) {
  std::vector<GaussianComponent> cs;
  for (const auto& r : rows) cs.push_back(GaussianComponent{r.weight, {r.mean}, r.std});
  return GaussianMixture(std::move(cs));
}

}  // namespace

Lesson1D::Lesson1D(JobRunner* runner, QWidget* parent)
    : Lesson(runner, parent), m_state(std::make_unique<State>()) {
  m_state->slot = new JobSlot(runner, [this] { regenerate(); }, this);
  m_state->probeSlot = new JobSlot(runner, [this] { requestProbe(); }, this);

  m_density = new DensityView(this);
  m_histogram = new HistogramView(this);
  m_posterior = new PosteriorPanel(this);
  m_state->scrub = new ScrubAntialiasing(this);
  m_state->scrub->addPlot(m_histogram->plot());
  m_state->scrub->addPlot(m_posterior->plot());

  auto* bottom = new QSplitter(Qt::Horizontal, this);
  bottom->addWidget(m_histogram);
  bottom->addWidget(m_posterior);
  bottom->setStretchFactor(0, 1);
  bottom->setStretchFactor(1, 1);
  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(m_density);
  right->addWidget(bottom);
  right->setStretchFactor(0, 1);
  right->setStretchFactor(1, 1);
  m_state->rows = right;

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(buildControls());
  layout->addWidget(right, 1);

  connect(m_histogram, &HistogramView::xtDragged, m_posterior, &PosteriorPanel::setXt);
  connect(m_posterior, &PosteriorPanel::xtChanged, m_histogram, &HistogramView::setXt);
  connect(m_posterior, &PosteriorPanel::xtChanged, this, [this] {
    if (m_state->learned) requestProbe();
  });

  auto* resample = new QAction(tr("Resample particles"), this);
  resample->setToolTip(m_resample->toolTip());
  connect(resample, &QAction::triggered, m_resample, &QPushButton::click);
  auto* reset = new QAction(tr("Reset to the lecture's bimodal example"), this);
  connect(reset, &QAction::triggered, this, &Lesson1D::resetToLectureExample);
  m_actions = {resample, reset};

  m_table->setComponents(toRows(GaussianMixture::lectureBimodal()));
  regenerate();
}

Lesson1D::~Lesson1D() = default;

QWidget* Lesson1D::buildControls() {
  auto* panel = new QWidget;

  auto* dataBox = new QGroupBox(tr("Data q(x₀) = Σ wⱼ N(μⱼ, sⱼ²)"), panel);
  dataBox->setToolTip(tr("The data distribution: a mixture of 1-D Gaussians (the lecture's example has two modes)."));
  m_table = new MixtureTable(dataBox);
  auto* resetButton = m_resetButton = new QPushButton(tr("Lecture example"), dataBox);
  resetButton->setToolTip(tr("Restore the lecture's bimodal data distribution."));
  connect(resetButton, &QPushButton::clicked, this, &Lesson1D::resetToLectureExample);
  auto* dataLayout = new QVBoxLayout(dataBox);
  dataLayout->addWidget(m_table);
  dataLayout->addWidget(resetButton);

  auto* processBox = new QGroupBox(tr("Forward process q"), panel);
  m_scheduleKind = new QComboBox(processBox);
  for (const auto& name : scheduleKindNames()) m_scheduleKind->addItem(QString::fromStdString(name));
  m_scheduleKind->setToolTip(tr("Variance schedule β₁…β_T: how much noise each forward step q(xₜ | xₜ₋₁) adds. "
                                "linear: Ho et al. 2020; cosine: Nichol & Dhariwal 2021 (destroys signal more slowly)."));
  m_steps = new QSpinBox(processBox);
  m_steps->setRange(10, 2000);
  m_steps->setValue(1000);
  m_steps->setSingleStep(100);
  m_steps->setKeyboardTracking(false);
  m_steps->setToolTip(tr("T: the number of forward steps. More, smaller steps make each reverse step easier to undo "
                         "(β is rescaled by 1000/T, so any T reaches ≈ N(0, 1))."));
  m_seed = new QSpinBox(processBox);
  m_seed->setRange(0, 999999);
  m_seed->setKeyboardTracking(false);
  m_seed->setToolTip(tr("Random seed of the particles and the noise ε: the same seed gives the same chains."));
  m_particles = new QSpinBox(processBox);
  m_particles->setRange(100, 5000);
  m_particles->setSingleStep(100);
  m_particles->setValue(2000);
  m_particles->setKeyboardTracking(false);
  m_particles->setToolTip(tr("Number of particles: samples x₀ ~ q(x₀) run through the forward chain, and samples "
                             "x_T ~ N(0, 1) run through the reverse (DDPM) chain."));
  m_resample = new QPushButton(tr("Resample"), processBox);
  m_resample->setToolTip(tr("Draw fresh particles and noise (next seed) and re-run both chains."));
  auto* form = new QFormLayout(processBox);
  form->addRow(tr("Schedule"), m_scheduleKind);
  form->addRow(tr("Steps T"), m_steps);
  form->addRow(tr("Seed"), m_seed);
  form->addRow(tr("Particles"), m_particles);
  form->addRow(m_resample);

  m_denoiser = new DenoiserBox(1, panel);

  m_status = new QLabel(panel);
  m_status->setWordWrap(true);
  m_status->setToolTip(tr("What the panels show. The reverse chain uses the exact ε-predictor E[ε | xₜ] of this "
                          "mixture (a perfectly trained model) or the learned ε_θ chosen under Denoiser."));

  auto* layout = new QVBoxLayout(panel);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(dataBox, 1);
  m_table->setMinimumHeight(110);
  layout->addWidget(processBox);
  layout->addWidget(m_denoiser);
  layout->addWidget(m_status);
  layout->addStretch(0);

  connect(m_table, &MixtureTable::componentsChanged, this, &Lesson1D::regenerate);
  connect(m_scheduleKind, &QComboBox::currentIndexChanged, this, &Lesson1D::regenerate);
  connect(m_steps, &QSpinBox::valueChanged, this, &Lesson1D::regenerate);
  connect(m_seed, &QSpinBox::valueChanged, this, &Lesson1D::regenerate);
  connect(m_particles, &QSpinBox::valueChanged, this, &Lesson1D::regenerate);
  connect(m_resample, &QPushButton::clicked, this, [this] { m_seed->setValue(m_seed->value() + 1); });
  connect(m_denoiser, &DenoiserBox::changed, this, &Lesson1D::applyDenoiserChoice);
  // Snapshots of a training run arrive faster than a learned chain takes: let the running one finish.
  connect(m_denoiser, &DenoiserBox::modelUpdated, m_state->slot, &JobSlot::refreshAfterRunning);
  // In a scroll area, so a small window or presentation-size fonts never push the window taller.
  return new ControlsScrollArea(panel, this);
}

void Lesson1D::applyDenoiserChoice() {
  const bool learned = m_denoiser->isLearned();
  if (learned) {
    // The comparison only means something on the data and forward process the model was trained for.
    const auto model = m_denoiser->model();
    const QSignalBlocker b1(m_table), b2(m_scheduleKind), b3(m_steps);
    m_table->setComponents(toRows(m_denoiser->mixture()));
    m_scheduleKind->setCurrentText(QString::fromStdString(toString(model->schedule.kind)));
    m_steps->setValue(model->schedule.steps);
  }
  const QString locked = tr("Locked: the learned model was trained on this data and schedule. Switch the denoiser "
                            "back to exact to edit.");
  for (QWidget* w : std::initializer_list<QWidget*>{m_table, m_resetButton, m_scheduleKind, m_steps}) {
    w->setEnabled(!learned);
    w->setStatusTip(learned ? locked : QString());
  }
  m_state->slot->refresh();
}

bool Lesson1D::showsLearned() const { return m_state->learned != nullptr; }

void Lesson1D::requestProbe() {
  const auto learned = m_state->learned;
  if (!learned || !m_state->result) return;
  const std::vector<double> probe{m_posterior->xt()};
  const int T = m_state->result->T;
  std::shared_ptr<const Denoiser> model = learned->denoiser;
  QPointer<Lesson1D> self(this);
  const quint64 id = runner()->submit(
      tr("Learned step at xₜ"),
      [model, probe, T](const ProgressFn&, const CancelToken& cancel) -> std::any {
        return epsAtPoint(*model, probe, T, cancel);
      },
      [self, probe, learned](std::any& result) {
        if (!self) return;
        self->m_state->probeSlot->finished();
        if (self->m_state->learned != learned) return;  // the chains were recomputed meanwhile
        self->m_posterior->setLearnedEps(std::any_cast<std::shared_ptr<const std::vector<float>>>(result), probe[0]);
      },
      [self](const QString&) {
        if (self) self->m_state->probeSlot->failed();
      });
  m_state->probeSlot->submitted(id);
}

void Lesson1D::regenerate() {
  GaussianMixture data;
  NoiseSchedule schedule;
  std::shared_ptr<const LearnedModel> learned = m_denoiser->isLearned() ? m_denoiser->model() : nullptr;
  try {
    data = fromRows(m_table->components());
    ScheduleSpec spec;
    spec.kind = parseScheduleKind(m_scheduleKind->currentText().toStdString());
    spec.steps = m_steps->value();
    if (learned) {
      spec = learned->schedule;
      data = m_denoiser->mixture();
    }
    schedule = NoiseSchedule(spec);
  } catch (const std::exception& e) {
    m_status->setText(tr("<span style='color:#b00'>%1</span>").arg(QString::fromStdString(e.what())));
    return;
  }
  Lesson1DParams params;
  params.particles = m_particles->value();
  params.seed = static_cast<std::uint64_t>(m_seed->value());
  if (learned) {
    params.learned = learned->denoiser;
    params.probe = {m_posterior->xt()};
  }

  QPointer<Lesson1D> self(this);
  const quint64 id = runner()->submit(
      tr("1-D chains"),
      [data, schedule, params](const ProgressFn& progress, const CancelToken& cancel) -> std::any {
        return runLesson1DJob(data, schedule, params, progress, cancel);
      },
      [self, data, schedule, learned, probe = params.probe](std::any& result) {
        if (!self) return;
        self->m_state->data = data;
        self->m_state->schedule = schedule;
        self->m_state->learned = learned;
        self->applyResult(result);
        if (learned && probe.size() == 1) self->m_posterior->setLearnedEps(self->m_state->result->probeEps, probe[0]);
      },
      [self](const QString& message) {
        if (!self) return;
        self->m_state->slot->failed();
        self->m_status->setText(tr("<span style='color:#b00'>Could not run the chains: %1</span>").arg(message));
        emit self->statusMessage(message);
      });
  m_state->slot->submitted(id);
  m_status->setText(learned ? tr("Running the forward chain and the learned model's reverse chain…")
                            : tr("Running the forward and reverse chains…"));
}

void Lesson1D::applyResult(std::any& result) {
  auto typed = std::any_cast<std::shared_ptr<Lesson1DResult>>(result);
  State& s = *m_state;
  // The views still point into the old result until showPaths() below: keep it alive till then.
  const std::shared_ptr<const Lesson1DResult> previous = s.result;
  s.result = typed;
  ++s.generation;
  s.slot->finished();

  m_posterior->setLearnedEps(nullptr, 0);
  m_posterior->setModel(s.data, s.schedule, typed->xMin, typed->xMax);
  m_density->setResult(typed, nullptr);
  m_histogram->setResult(typed, nullptr);
  s.t = std::clamp(s.t, 0, typed->T);
  showPaths();
  setTimestep(s.t);
  const QString denoiser = s.learned ? tr("the learned ε_θ (%1), compared with the exact q(xₜ)")
                                           .arg(s.learned->description.toHtmlEscaped())
                                     : tr("the exact denoiser E[ε | xₜ]");
  m_status->setText(tr("%1 particles · T = %2 · %3. Reverse: DDPM with %4.")
                        .arg(typed->forward.n)
                        .arg(typed->T)
                        .arg(QString::fromStdString(toString(s.schedule.spec().kind)))
                        .arg(denoiser));
  emit scheduleChanged();  // T or β may have changed: the timeline re-reads schedule()
}

void Lesson1D::showPaths() {
  const auto& r = m_state->result;
  if (!r) return;
  const ParticlePaths* paths = m_state->direction == Direction::Forward ? &r->forward : &r->reverse;
  m_density->setPaths(paths);
  m_histogram->setPaths(paths);
}

void Lesson1D::resetToLectureExample() {
  m_table->setComponents(toRows(GaussianMixture::lectureBimodal()));
  regenerate();
}

NoiseSchedule Lesson1D::schedule() const {
  if (m_state->result) return m_state->schedule;
  ScheduleSpec spec;
  spec.steps = m_steps->value();
  try {
    spec.kind = parseScheduleKind(m_scheduleKind->currentText().toStdString());
  } catch (...) {
  }
  return NoiseSchedule(spec);
}

int Lesson1D::timestep() const { return m_state->t; }

void Lesson1D::setTimestep(int t) {
  const int T = m_state->result ? m_state->result->T : m_steps->value();
  m_state->t = std::clamp(t, 0, T);
  m_state->scrub->noteFrame();
  m_density->setTimestep(m_state->t);
  m_histogram->setTimestep(m_state->t);
  m_posterior->setTimestep(m_state->t);
}

void Lesson1D::setDirection(Direction direction) {
  if (direction == m_state->direction) return;
  m_state->direction = direction;
  showPaths();
}

Direction Lesson1D::direction() const { return m_state->direction; }

void Lesson1D::setPresentationMode(bool on) {
  m_state->style.presentation = on;
  // Large fonts eat the bottom plots' height (titles, legend, axis labels): give them more of it.
  // (QSplitter scales the sizes to its height, also before it is first laid out.)
  m_state->rows->setStretchFactor(0, on ? 2 : 1);
  m_state->rows->setStretchFactor(1, on ? 3 : 1);
  m_state->rows->setSizes({on ? 2000 : 1000, on ? 3000 : 1000});
  m_density->setStyle(m_state->style);
  m_histogram->setStyle(m_state->style);
  m_posterior->setStyle(m_state->style);
}

bool Lesson1D::hasResult() const { return m_state->result != nullptr; }
quint64 Lesson1D::resultGeneration() const { return m_state->generation; }

std::vector<double> Lesson1D::particles() const {
  const auto& r = m_state->result;
  if (!r) return {};
  const ParticlePaths& paths = m_state->direction == Direction::Forward ? r->forward : r->reverse;
  const int index = paths.indexFor(m_state->t);
  if (index < 0) return {};
  const float* x = paths.at(index, 0);
  return std::vector<double>(x, x + paths.n);
}

bool Lesson1D::exportParticlesCsv(const QString& path, QString* error) const {
  const std::vector<double> xs = particles();
  if (xs.empty()) {
    if (error) *error = tr("No particles yet: the chains are still being computed.");
    return false;
  }
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  QTextStream out(&file);
  out << "i,x\n";
  for (size_t i = 0; i < xs.size(); ++i) out << i << ',' << QString::number(xs[i], 'g', 9) << '\n';
  out.flush();
  if (file.error() != QFileDevice::NoError) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

QList<QAction*> Lesson1D::lessonActions() { return m_actions; }

void Lesson1D::showEvent(QShowEvent* event) {
  Lesson::showEvent(event);
  if (m_state->slot->isDirty() && !m_state->slot->isPending() && !m_state->slot->wasCancelledByUser())
    regenerate();
}

}  // namespace ds::ui
