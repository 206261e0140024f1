#include "ui/lessons/lesson2d.h"

#include "core/gmm.h"
#include "ui/jobrunner.h"
#include "ui/lessons/denoiserbox.h"
#include "ui/lessons/controlsscroll.h"
#include "ui/lessons/jobslot.h"
#include "ui/lessons/learnedeval.h"
#include "ui/lessons/lesson2djob.h"
#include "ui/lessons/planeview.h"
#include "ui/lessons/posteriorview2d.h"
#include "ui/modelstore.h"
#include "core/models/denoiser.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTextStream>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ds::ui {

struct Lesson2D::State {
  GaussianMixture data;      // accepted by the spec edit (what the next job uses)
  GaussianMixture shownData; // of the shown result
  NoiseSchedule schedule;    // of the shown result
  std::shared_ptr<const Lesson2DResult> result;
  QString resultSampler;     // e.g. "DDIM-50"
  std::shared_ptr<const LearnedModel> learned;  // of the shown result (null: exact denoiser)
  JobSlot* probeSlot = nullptr;
  Direction direction = Direction::Forward;
  int t = 0;
  quint64 generation = 0;
  JobSlot* slot = nullptr;
  ScrubAntialiasing* scrub = nullptr;
  PlotStyle style;
};

namespace {

QString ringSpec(int n, double radius, double std) {
  QStringList parts;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * M_PI * i / n;
    parts << QStringLiteral("%1:%2,%3:%4")
                 .arg(1.0 / n, 0, 'g', 4)
                 .arg(radius * std::cos(a), 0, 'f', 3)
                 .arg(radius * std::sin(a), 0, 'f', 3)
                 .arg(std);
  }
  return parts.join(QLatin1Char(';'));
}

struct Preset {
  const char* name;
  QString spec;
};

std::vector<Preset> presets() {
  return {
      {QT_TRANSLATE_NOOP("Lesson2D", "Ring of 8"), ringSpec(8, 2.0, 0.2)},
      {QT_TRANSLATE_NOOP("Lesson2D", "Two unequal blobs"), QStringLiteral("0.3:1,1:0.2;0.7:-1,0:0.5")},
      {QT_TRANSLATE_NOOP("Lesson2D", "Three clusters"),
       QStringLiteral("0.34:-2,-1.2:0.3;0.33:2,-1.2:0.3;0.33:0,2:0.3")},
      {QT_TRANSLATE_NOOP("Lesson2D", "3×3 grid"),
       QStringLiteral("1:-2,-2:0.15;1:0,-2:0.15;1:2,-2:0.15;1:-2,0:0.15;1:0,0:0.15;1:2,0:0.15;"
                      "1:-2,2:0.15;1:0,2:0.15;1:2,2:0.15")},
  };
}

}  // namespace

QString Lesson2D::defaultSpec() { return presets().front().spec; }

Lesson2D::Lesson2D(JobRunner* runner, QWidget* parent)
    : Lesson(runner, parent), m_state(std::make_unique<State>()) {
  m_state->slot = new JobSlot(runner, [this] { regenerate(); }, this);
  m_state->probeSlot = new JobSlot(runner, [this] { requestProbe(); }, this);
  m_state->data = GaussianMixture::parse(defaultSpec().toStdString());

  m_plane = new PlaneView(this);
  m_posterior = new PosteriorView2D(this);
  m_state->scrub = new ScrubAntialiasing(this);
  m_state->scrub->addPlot(m_plane->plot());
  m_state->scrub->addPlot(m_posterior->plot());
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_plane);
  split->addWidget(m_posterior);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(buildControls());
  layout->addWidget(split, 1);

  connect(m_plane, &PlaneView::planeClicked, this, &Lesson2D::setPosteriorXt);

  auto* regen = new QAction(tr("Regenerate samples"), this);
  connect(regen, &QAction::triggered, m_regenerate, &QPushButton::click);
  auto* field = new QAction(tr("Show vector field"), this);
  field->setCheckable(true);
  field->setChecked(m_showField->isChecked());
  connect(field, &QAction::toggled, m_showField, &QCheckBox::setChecked);
  connect(m_showField, &QCheckBox::toggled, field, &QAction::setChecked);
  m_actions = {regen, field};

  setPosteriorXt(0.6, 0.4);
  regenerate();
}

Lesson2D::~Lesson2D() = default;

QWidget* Lesson2D::buildControls() {
  auto* panel = new QWidget;

  auto* dataBox = new QGroupBox(tr("Data q(x₀)"), panel);
  m_preset = new QComboBox(dataBox);
  for (const Preset& p : presets()) m_preset->addItem(tr(p.name), p.spec);
  m_preset->setToolTip(tr("Ready-made data distributions (2-D Gaussian mixtures)."));
  m_spec = new QLineEdit(defaultSpec(), dataBox);
  m_spec->setToolTip(tr("The data mixture: components separated by ';', each weight:mx,my:std, e.g. "
                        "0.3:1,1:0.2;0.7:-1,0:0.5. Press Enter to apply."));
  m_spec->setCursorPosition(0);
  m_specError = new QLabel(dataBox);
  m_specError->setWordWrap(true);
  m_specError->setStyleSheet(QStringLiteral("color: #b00000;"));
  m_specError->hide();
  auto* apply = m_apply = new QPushButton(tr("Apply"), dataBox);
  apply->setToolTip(tr("Use the mixture typed above (a bad spec is reported here and changes nothing)."));
  auto* specRow = new QHBoxLayout;
  specRow->addWidget(m_spec, 1);
  specRow->addWidget(apply);
  auto* dataLayout = new QVBoxLayout(dataBox);
  dataLayout->addWidget(m_preset);
  dataLayout->addLayout(specRow);
  dataLayout->addWidget(m_specError);

  auto* procBox = new QGroupBox(tr("Process and sampler"), panel);
  m_scheduleKind = new QComboBox(procBox);
  for (const auto& name : scheduleKindNames()) m_scheduleKind->addItem(QString::fromStdString(name));
  m_scheduleKind->setToolTip(tr("Variance schedule β₁…β_T of the forward process q(xₜ | xₜ₋₁)."));
  m_steps = new QSpinBox(procBox);
  m_steps->setRange(10, 2000);
  m_steps->setValue(1000);
  m_steps->setSingleStep(100);
  m_steps->setKeyboardTracking(false);
  m_steps->setToolTip(tr("T: the number of forward noising steps."));
  m_sampler = new QComboBox(procBox);
  m_sampler->addItem(tr("DDPM"));
  m_sampler->addItem(tr("DDIM"));
  m_sampler->setToolTip(tr("DDPM: ancestral sampling, one Gaussian reverse step p(xₜ₋₁ | xₜ) per t. DDIM: skips "
                           "along S of the T steps; η = 0 is deterministic, η = 1 ≈ DDPM noise."));
  m_ddimSteps = new QSpinBox(procBox);
  m_ddimSteps->setRange(1, 2000);
  m_ddimSteps->setValue(50);
  m_ddimSteps->setKeyboardTracking(false);
  m_ddimSteps->setToolTip(tr("S: number of DDIM steps (an evenly spaced subsequence of 1…T). The reverse "
                             "trajectory has only S+1 recorded t; the plot shows the nearest one."));
  m_eta = new QDoubleSpinBox(procBox);
  m_eta->setRange(0, 1);
  m_eta->setSingleStep(0.1);
  m_eta->setDecimals(2);
  m_eta->setKeyboardTracking(false);
  m_eta->setToolTip(tr("η: DDIM stochasticity. 0 = deterministic (probability-flow-like), 1 ≈ DDPM."));
  m_seed = new QSpinBox(procBox);
  m_seed->setRange(0, 999999);
  m_seed->setKeyboardTracking(false);
  m_seed->setToolTip(tr("Random seed of the particles and the noise: the same seed gives the same run."));
  m_particles = new QSpinBox(procBox);
  m_particles->setRange(50, 5000);
  m_particles->setSingleStep(100);
  m_particles->setValue(1000);
  m_particles->setKeyboardTracking(false);
  m_particles->setToolTip(tr("Number of particles in the forward chain (from data) and the sampler (from N(0, I))."));
  m_regenerate = new QPushButton(tr("Regenerate"), procBox);
  m_regenerate->setToolTip(tr("Draw fresh particles and noise (next seed) and run the chains again."));
  auto* form = new QFormLayout(procBox);
  form->addRow(tr("Schedule"), m_scheduleKind);
  form->addRow(tr("Steps T"), m_steps);
  form->addRow(tr("Sampler"), m_sampler);
  form->addRow(tr("DDIM steps S"), m_ddimSteps);
  form->addRow(tr("DDIM η"), m_eta);
  form->addRow(tr("Seed"), m_seed);
  form->addRow(tr("Particles"), m_particles);
  form->addRow(m_regenerate);

  auto* showBox = new QGroupBox(tr("Show"), panel);
  m_showField = new QCheckBox(tr("Vector field"), showBox);
  m_showField->setChecked(true);
  m_showField->setToolTip(tr("Arrows of the score ∇log q(xₜ) (where density increases) or of −ε̂ on a grid. Length "
                             "∝ √|v|, normalised per t."));
  m_fieldKind = new QComboBox(showBox);
  m_fieldKind->addItem(tr("score ∇log q(xₜ)"));
  m_fieldKind->addItem(tr("−ε̂ = −E[ε | xₜ]"));
  m_fieldKind->setToolTip(tr("The score and the negative noise prediction point the same way: "
                             "E[ε | xₜ] = −√(1−ᾱₜ) ∇log q(xₜ)."));
  m_showPaths = new QCheckBox(tr("Paths of 5 particles"), showBox);
  m_showPaths->setChecked(true);
  m_showPaths->setToolTip(tr("The path so far of the first five particles (from x₀ going forward, from x_T in "
                             "reverse); circles mark them at t."));
  auto* showLayout = new QVBoxLayout(showBox);
  showLayout->addWidget(m_showField);
  showLayout->addWidget(m_fieldKind);
  showLayout->addWidget(m_showPaths);

  m_denoiser = new DenoiserBox(2, panel);

  m_status = new QLabel(panel);
  m_status->setWordWrap(true);

  auto* layout = new QVBoxLayout(panel);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(dataBox);
  layout->addWidget(procBox);
  layout->addWidget(m_denoiser);
  layout->addWidget(showBox);
  layout->addWidget(m_status);
  layout->addStretch(1);

  auto updateSamplerControls = [this] {
    const bool ddim = m_sampler->currentIndex() == 1;
    m_ddimSteps->setEnabled(ddim);
    m_eta->setEnabled(ddim);
  };
  updateSamplerControls();
  connect(m_preset, &QComboBox::activated, this, [this](int index) {
    m_spec->setText(m_preset->itemData(index).toString());
    m_spec->setCursorPosition(0);
    applySpec();
  });
  connect(m_spec, &QLineEdit::returnPressed, this, &Lesson2D::applySpec);
  connect(apply, &QPushButton::clicked, this, &Lesson2D::applySpec);
  connect(m_sampler, &QComboBox::currentIndexChanged, this, [this, updateSamplerControls] {
    updateSamplerControls();
    regenerate();
  });
  for (QSpinBox* box : {m_steps, m_ddimSteps, m_seed, m_particles})
    connect(box, &QSpinBox::valueChanged, this, &Lesson2D::regenerate);
  connect(m_eta, &QDoubleSpinBox::valueChanged, this, &Lesson2D::regenerate);
  connect(m_scheduleKind, &QComboBox::currentIndexChanged, this, &Lesson2D::regenerate);
  connect(m_regenerate, &QPushButton::clicked, this, [this] { m_seed->setValue(m_seed->value() + 1); });
  connect(m_showField, &QCheckBox::toggled, this, [this](bool on) {
    m_plane->setFieldVisible(on);
    m_fieldKind->setEnabled(on);
  });
  connect(m_fieldKind, &QComboBox::currentIndexChanged, this, [this](int index) {
    m_plane->setFieldKind(index == 0 ? FieldKind::Score : FieldKind::NegativeEps);
  });
  connect(m_showPaths, &QCheckBox::toggled, m_plane, &PlaneView::setPathsVisible);
  connect(m_denoiser, &DenoiserBox::changed, this, &Lesson2D::applyDenoiserChoice);
  // Snapshots of a training run arrive faster than a learned chain takes: let the running one finish.
  connect(m_denoiser, &DenoiserBox::modelUpdated, m_state->slot, &JobSlot::refreshAfterRunning);
  // In a scroll area, so a small window or presentation-size fonts never push the window taller.
  return new ControlsScrollArea(panel, this);
}

bool Lesson2D::applySpec() {
  const QString text = m_spec->text().trimmed();
  try {
    GaussianMixture parsed = GaussianMixture::parse(text.toStdString());
    if (parsed.dim() != 2)
      throw std::invalid_argument("this lesson needs 2-D means written mx,my (got " + std::to_string(parsed.dim()) +
                                  "-D)");
    m_state->data = std::move(parsed);
  } catch (const std::exception& e) {
    m_specError->setText(tr("Not applied: %1").arg(QString::fromStdString(e.what())));
    m_specError->show();
    return false;
  }
  m_specError->hide();
  regenerate();
  return true;
}

QString Lesson2D::mixtureSpec() const { return QString::fromStdString(m_state->data.toSpec()); }

QString Lesson2D::samplerLabel() const {
  return m_sampler->currentIndex() == 1 ? QStringLiteral("DDIM-%1").arg(std::min(m_ddimSteps->value(), m_steps->value()))
                                        : QStringLiteral("DDPM");
}

void Lesson2D::applyDenoiserChoice() {
  const bool learned = m_denoiser->isLearned();
  if (learned) {
    // The comparison only means something on the data and forward process the model was trained for.
    const auto model = m_denoiser->model();
    m_state->data = m_denoiser->mixture();
    const QSignalBlocker b1(m_spec), b2(m_scheduleKind), b3(m_steps);
    m_spec->setText(QString::fromStdString(m_state->data.toSpec()));
    m_spec->setCursorPosition(0);
    m_specError->hide();
    m_scheduleKind->setCurrentText(QString::fromStdString(toString(model->schedule.kind)));
    m_steps->setValue(model->schedule.steps);
  }
  const QString locked = tr("Locked: the learned model was trained on this data and schedule. Switch the denoiser "
                            "back to exact to edit.");
  for (QWidget* w : std::initializer_list<QWidget*>{m_preset, m_spec, m_apply, m_scheduleKind, m_steps}) {
    w->setEnabled(!learned);
    w->setStatusTip(learned ? locked : QString());
  }
  m_state->slot->refresh();
}

bool Lesson2D::showsLearned() const { return m_state->learned != nullptr; }

void Lesson2D::requestProbe() {
  const auto learned = m_state->learned;
  if (!learned || !m_posterior->hasXt() || !m_state->result) return;
  const std::vector<double> probe{m_posterior->xtX(), m_posterior->xtY()};
  const int T = m_state->result->T;
  std::shared_ptr<const Denoiser> model = learned->denoiser;
  QPointer<Lesson2D> self(this);
  const quint64 id = runner()->submit(
      tr("Learned step at xₜ"),
      [model, probe, T](const ProgressFn&, const CancelToken& cancel) -> std::any {
        return epsAtPoint(*model, probe, T, cancel);
      },
      [self, probe, learned](std::any& result) {
        if (!self) return;
        self->m_state->probeSlot->finished();
        if (self->m_state->learned != learned) return;  // the chains were recomputed meanwhile
        self->m_posterior->setLearnedEps(std::any_cast<std::shared_ptr<const std::vector<float>>>(result), probe[0],
                                         probe[1]);
      },
      [self](const QString&) {
        if (self) self->m_state->probeSlot->failed();
      });
  m_state->probeSlot->submitted(id);
}

void Lesson2D::regenerate() {
  GaussianMixture data = m_state->data;
  NoiseSchedule schedule;
  std::shared_ptr<const LearnedModel> learned = m_denoiser->isLearned() ? m_denoiser->model() : nullptr;
  try {
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
  Lesson2DParams params;
  params.particles = m_particles->value();
  params.seed = static_cast<std::uint64_t>(m_seed->value());
  params.ddim = m_sampler->currentIndex() == 1;
  params.ddimSteps = std::min(m_ddimSteps->value(), schedule.steps());
  params.eta = m_eta->value();
  params.fieldGrid = PlaneView::kFieldGrid;
  if (learned) {
    params.learned = learned->denoiser;
    if (m_posterior->hasXt()) params.probe = {m_posterior->xtX(), m_posterior->xtY()};
  }
  const QString label = samplerLabel();

  QPointer<Lesson2D> self(this);
  const quint64 id = runner()->submit(
      tr("2-D chains"),
      [data, schedule, params](const ProgressFn& progress, const CancelToken& cancel) -> std::any {
        return runLesson2DJob(data, schedule, params, progress, cancel);
      },
      [self, data, schedule, label, learned, probe = params.probe](std::any& result) {
        if (!self) return;
        self->m_state->shownData = data;
        self->m_state->schedule = schedule;
        self->m_state->resultSampler = label;
        self->m_state->learned = learned;
        self->applyResult(result);
        const auto& r = self->m_state->result;
        if (learned && probe.size() == 2) self->m_posterior->setLearnedEps(r->probeEps, probe[0], probe[1]);
      },
      [self](const QString& message) {
        if (!self) return;
        self->m_state->slot->failed();
        self->m_status->setText(tr("<span style='color:#b00'>Could not run the sampler: %1</span>").arg(message));
        emit self->statusMessage(message);
      });
  m_state->slot->submitted(id);
  m_status->setText(learned ? tr("Running the forward chain and the %1 sampler with the learned ε_θ…").arg(label)
                            : tr("Running the forward chain and the %1 sampler…").arg(label));
}

void Lesson2D::applyResult(std::any& result) {
  State& s = *m_state;
  // The views still point into the old result until showPaths() below: keep it alive till then.
  const std::shared_ptr<const Lesson2DResult> previous = s.result;
  s.result = std::any_cast<std::shared_ptr<Lesson2DResult>>(result);
  ++s.generation;
  s.slot->finished();
  s.t = std::clamp(s.t, 0, s.result->T);
  m_plane->setPaths(nullptr, {});  // detach from the old result before the model (and T) change
  m_plane->setLearnedField(nullptr);
  m_posterior->setLearnedEps(nullptr, 0, 0);
  m_plane->setModel(s.shownData, s.schedule, s.result->lo, s.result->hi, s.result->grid, &s.result->density);
  m_posterior->setModel(s.shownData, s.schedule);
  if (s.result->learned) m_plane->setLearnedField(&s.result->learnedField);
  showPaths();
  setTimestep(s.t);
  const QString denoiser = s.learned ? tr("the learned ε_θ (%1); purple arrows: −ε_θ next to the exact field")
                                           .arg(s.learned->description.toHtmlEscaped())
                                     : tr("the exact denoiser E[ε | xₜ]");
  m_status->setText(tr("%1 particles · T = %2 · reverse: %3 with %4, %5 recorded steps.")
                        .arg(s.result->forward.n)
                        .arg(s.result->T)
                        .arg(s.resultSampler)
                        .arg(denoiser)
                        .arg(s.result->reverse.steps()));
  emit scheduleChanged();
}

void Lesson2D::showPaths() {
  const auto& r = m_state->result;
  if (!r) return;
  if (m_state->direction == Direction::Forward) m_plane->setPaths(&r->forward, tr("forward chain"), false);
  else m_plane->setPaths(&r->reverse, m_state->resultSampler, true);
  setTimestep(m_state->t);
}

void Lesson2D::setPosteriorXt(double x, double y) {
  m_plane->setXt(x, y);
  m_posterior->setXt(x, y);
  if (m_state->learned) requestProbe();
}

NoiseSchedule Lesson2D::schedule() const {
  if (m_state->result) return m_state->schedule;
  ScheduleSpec spec;
  spec.steps = m_steps->value();
  try {
    spec.kind = parseScheduleKind(m_scheduleKind->currentText().toStdString());
  } catch (...) {
  }
  return NoiseSchedule(spec);
}

int Lesson2D::timestep() const { return m_state->t; }

void Lesson2D::setTimestep(int t) {
  const int T = m_state->result ? m_state->result->T : m_steps->value();
  m_state->t = std::clamp(t, 0, T);
  m_state->scrub->noteFrame();
  m_plane->setTimestep(m_state->t);
  m_posterior->setTimestep(m_plane->shownTimestep());
}

int Lesson2D::shownTimestep() const { return m_plane->shownTimestep(); }

void Lesson2D::setDirection(Direction direction) {
  if (direction == m_state->direction) return;
  m_state->direction = direction;
  showPaths();
}

void Lesson2D::setPresentationMode(bool on) {
  m_state->style.presentation = on;
  m_plane->setStyle(m_state->style);
  m_posterior->setStyle(m_state->style);
}

bool Lesson2D::hasResult() const { return m_state->result != nullptr; }
quint64 Lesson2D::resultGeneration() const { return m_state->generation; }

std::vector<double> Lesson2D::particles() const {
  const auto& r = m_state->result;
  if (!r) return {};
  const ParticlePaths& paths = m_state->direction == Direction::Forward ? r->forward : r->reverse;
  const int index = paths.indexFor(m_state->t);
  if (index < 0) return {};
  const float* p = paths.at(index, 0);
  return std::vector<double>(p, p + static_cast<size_t>(paths.n) * 2);
}

bool Lesson2D::exportParticlesCsv(const QString& path, QString* error) const {
  const std::vector<double> xy = particles();
  if (xy.empty()) {
    if (error) *error = tr("No particles yet: the chains are still being computed.");
    return false;
  }
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  QTextStream out(&file);
  out << "i,x,y\n";
  for (size_t i = 0; i + 1 < xy.size(); i += 2)
    out << i / 2 << ',' << QString::number(xy[i], 'g', 9) << ',' << QString::number(xy[i + 1], 'g', 9) << '\n';
  out.flush();
  if (file.error() != QFileDevice::NoError) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

QList<QAction*> Lesson2D::lessonActions() { return m_actions; }

void Lesson2D::showEvent(QShowEvent* event) {
  Lesson::showEvent(event);
  if (m_state->slot->isDirty() && !m_state->slot->isPending() && !m_state->slot->wasCancelledByUser())
    regenerate();
}

}  // namespace ds::ui
