#include "ui/lessons/likelihood/scorepage.h"

#include "core/data/pointset.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/likelihood/scorecontrols.h"
#include "ui/lessons/likelihood/scoreviews.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

ScorePage::ScorePage(ComputeContext* context, QWidget* parent)
    : LikelihoodPanel(parent),
      m_context(context),
      m_fieldJobs(new JobTracker(context, this)),
      m_runJobs(new JobTracker(context, this)) {
  setObjectName(QStringLiteral("scorePage"));
  // No parent: the lesson moves the controls into its control column (likelihoodpanel.h).
  m_controls = new ScoreControls();
  m_controls->setObjectName(QStringLiteral("scoreControls"));
  m_plane = new ScorePlaneView(this);
  m_plane->setObjectName(QStringLiteral("scorePlane"));
  m_curve = new ScoreCurveView(this);
  m_curve->setObjectName(QStringLiteral("scoreCurve"));
  m_views = new QStackedWidget(this);
  m_views->addWidget(m_plane);
  m_views->addWidget(m_curve);

  m_readout = new QLabel(this);
  m_readout->setObjectName(QStringLiteral("scoreReadout"));
  m_readout->setWordWrap(true);
  m_distance = new QLabel(this);
  m_distance->setObjectName(QStringLiteral("scoreDistance"));
  m_distance->setWordWrap(true);
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("scoreStatus"));
  m_status->setWordWrap(true);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_views, 1);
  layout->addWidget(buildTransport());
  layout->addWidget(m_readout);
  layout->addWidget(m_distance);
  layout->addWidget(m_status);

  connect(m_controls, &ScoreControls::settingsChanged, this, [this] { requestCompute(false); });
  for (ScoreViewBase* view : {static_cast<ScoreViewBase*>(m_plane), static_cast<ScoreViewBase*>(m_curve)})
    connect(view, &ScoreViewBase::clicked, this, &ScorePage::startPointChosen);
  connect(&m_playTimer, &QTimer::timeout, this, &ScorePage::tick);
  connect(m_runJobs, &JobTracker::progress, this, [this](quint64, qint64 step, qint64 total) {
    m_progress = total > 0 ? static_cast<int>(1000 * step / total) : -1;
    updateStatus();
  });
  for (JobTracker* tracker : {m_fieldJobs, m_runJobs}) {
    connect(tracker, &JobTracker::busyChanged, this, [this] {
      if (!m_runJobs->isBusy()) m_progress = -1;
      updateStatus();
    });
  }
  updateReadout();
  updateStatus();
}

ScorePage::~ScorePage() {
  // The jobs hold only copies of their inputs, but their results would arrive at a dead page.
  m_fieldJobs->cancelAndWait();
  m_runJobs->cancelAndWait();
  // Still ours when no lesson took the controls (a page on its own, as in the tests).
  if (m_controls && !m_controls->parent()) delete m_controls.data();
}

QString ScorePage::title() const { return tr("Score & Langevin"); }

QWidget* ScorePage::controls() { return m_controls; }

QWidget* ScorePage::buildTransport() {
  auto* bar = new QWidget(this);
  m_play = new QPushButton(tr("Play"), bar);
  m_play->setObjectName(QStringLiteral("scorePlay"));
  m_play->setCheckable(true);
  m_play->setToolTip(tr("Animate the recorded Langevin updates (again from the start when at the end)."));
  m_step = new QPushButton(tr("Step"), bar);
  m_step->setObjectName(QStringLiteral("scoreStep"));
  m_step->setToolTip(tr("Show the next recorded update."));
  m_reset = new QPushButton(tr("Reset"), bar);
  m_reset->setObjectName(QStringLiteral("scoreReset"));
  m_reset->setToolTip(tr("Back to the particles' start."));
  m_slider = new QSlider(Qt::Horizontal, bar);
  m_slider->setObjectName(QStringLiteral("scoreFrameSlider"));
  m_slider->setRange(0, 0);
  m_slider->setToolTip(tr("The recorded update shown."));
  m_speed = new QSpinBox(bar);
  m_speed->setObjectName(QStringLiteral("scoreSpeed"));
  m_speed->setRange(1, 120);
  m_speed->setValue(30);
  m_speed->setSuffix(tr(" frames/s"));
  m_speed->setToolTip(tr("Animation speed: recorded frames per second."));

  auto* row = new QHBoxLayout(bar);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(m_play);
  row->addWidget(m_step);
  row->addWidget(m_reset);
  row->addWidget(m_slider, 1);
  row->addWidget(m_speed);

  connect(m_play, &QPushButton::toggled, this, &ScorePage::play);
  connect(m_step, &QPushButton::clicked, this, &ScorePage::stepFrame);
  connect(m_reset, &QPushButton::clicked, this, &ScorePage::resetFrames);
  connect(m_slider, &QSlider::valueChanged, this, &ScorePage::setFrame);
  connect(m_speed, &QSpinBox::valueChanged, this, [this](int fps) { m_playTimer.setInterval(1000 / fps); });
  m_playTimer.setInterval(1000 / m_speed->value());
  return bar;
}

ScoreSettings ScorePage::settings() const { return m_controls->settings(); }

int ScorePage::level() const { return std::max(1, m_t); }

ScoreInputs ScorePage::inputs() const {
  ScoreInputs in;
  in.mixture = m_setup.mixture;
  in.schedule = m_setup.schedule;
  in.learned = m_setup.learned;
  in.settings = m_controls->settings();
  in.t = std::min(level(), m_setup.schedule.steps);
  return in;
}

std::vector<int> ScorePage::fieldLevels(const ScoreInputs& in) const {
  std::vector<int> levels = scoreLevels(in);
  // The frame after the final denoising step shows the data's density.
  if (in.settings.mode == LangevinMode::Annealed && in.settings.denoiseFinal) levels.push_back(0);
  return levels;
}

ScorePage::RunKey ScorePage::runKey(const ScoreInputs& in) const {
  // The timeline's t matters only at a fixed t.
  return RunKey{m_setup.generation, in.settings, in.settings.mode == LangevinMode::FixedT ? in.t : 0};
}

void ScorePage::setSetup(const LikelihoodSetup& setup) {
  m_setup = setup;
  m_hasSetup = true;
  m_controls->setSetupShape(setup.dim(), setup.schedule.steps);
  m_views->setCurrentWidget(setup.dim() == 1 ? static_cast<QWidget*>(m_curve) : m_plane);
  requestCompute(false);
}

void ScorePage::setActive(bool active) {
  m_active = active;
  if (active) requestCompute(false);
  else play(false);  // a hidden page does not animate
}

void ScorePage::setTimestep(int t) {
  m_t = t;
  if (settings().mode == LangevinMode::FixedT) requestCompute(true);
  updateReadout();
}

void ScorePage::requestCompute(bool scrub) {
  if (!m_active || !m_hasSetup) return;  // computed on show (the keys differ then)
  const ScoreInputs in = inputs();
  const FieldKey fieldKey{m_setup.generation, fieldLevels(in)};
  if (!m_fieldValid || !(fieldKey == m_fieldSubmitted)) {
    if (scrub) m_fieldJobs->submitWhenIdle([this] { submitFields(); });
    else submitFields();
  }
  if (!m_runValid || !(runKey(in) == m_runSubmitted)) {
    if (scrub) m_runJobs->submitWhenIdle([this] { submitRun(); });
    else submitRun();
  }
}

void ScorePage::submitFields() {
  const ScoreInputs in = inputs();
  const std::vector<int> levels = fieldLevels(in);
  m_fieldSubmitted = FieldKey{m_setup.generation, levels};
  m_fieldValid = true;
  const c10::Device device = m_context ? m_context->device() : c10::Device(c10::kCPU);
  m_fieldJobs->submit<ScoreFields>(
      tr("Score field"),
      [in, levels, device](const ProgressFn& progress, const CancelToken& cancel) {
        return computeScoreFields(in, levels, device, progress, cancel);
      },
      [this](std::shared_ptr<const ScoreFields> fields) { showFields(std::move(fields)); },
      [this](const QString& message) { showFailure(message); });
}

void ScorePage::submitRun() {
  const ScoreInputs in = inputs();
  m_runSubmitted = runKey(in);
  m_runValid = true;
  m_error.clear();
  const c10::Device device = m_context ? m_context->device() : c10::Device(c10::kCPU);
  m_runJobs->submit<LangevinFrames>(
      tr("Langevin dynamics"),
      [in, device](const ProgressFn& progress, const CancelToken& cancel) {
        return runLangevinFrames(in, device, progress, cancel);
      },
      [this](std::shared_ptr<const LangevinFrames> frames) { showFrames(std::move(frames)); },
      [this](const QString& message) { showFailure(message); });
  updateStatus();
}

void ScorePage::showFields(std::shared_ptr<const ScoreFields> fields) {
  m_fields = std::move(fields);
  m_plane->setFields(m_fields);
  m_curve->setFields(m_fields);
  updateReadout();
}

void ScorePage::showFrames(std::shared_ptr<const LangevinFrames> frames) {
  // Keep the frame index (so a student at the settled end sees the new t settled too); the end
  // stays the end.
  const bool atEnd = m_frames && m_frame >= m_frames->frames() - 1;
  m_frames = std::move(frames);
  const int last = m_frames->frames() - 1;
  {
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, std::max(0, last));
  }
  m_error.clear();
  setFrame(atEnd ? last : std::clamp(m_frame, 0, std::max(0, last)));
  updateStatus();
}

void ScorePage::showFailure(const QString& message) {
  // Nothing shown changes; the message says why (e.g. a step size that made the particles diverge).
  m_error = message;
  updateStatus();
  Q_EMIT statusMessage(message);
}

void ScorePage::setFrame(int index) {
  const int last = m_frames ? m_frames->frames() - 1 : 0;
  m_frame = std::clamp(index, 0, std::max(0, last));
  {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(m_frame);
  }
  m_plane->setFrames(m_frames);
  m_curve->setFrames(m_frames);
  m_plane->setFrame(m_frame);
  m_curve->setFrame(m_frame);
  updateReadout();
}

void ScorePage::play(bool on) {
  if (on && m_frames && m_frame >= m_frames->frames() - 1) setFrame(0);
  if (on) m_playTimer.start();
  else m_playTimer.stop();
  const QSignalBlocker block(m_play);
  m_play->setChecked(on);
  m_play->setText(on ? tr("Pause") : tr("Play"));
}

void ScorePage::tick() {
  if (!m_frames) return;
  if (m_frame >= m_frames->frames() - 1) {
    play(false);
    return;
  }
  setFrame(m_frame + 1);
}

void ScorePage::stepFrame() {
  play(false);
  setFrame(m_frame + 1);
}

void ScorePage::resetFrames() {
  play(false);
  setFrame(0);
}

void ScorePage::startPointChosen(double x, double y) {
  ScoreSettings s = m_controls->settings();
  s.startAtPoint = true;
  s.start = {x, y};
  m_controls->setSettings(s);
  requestCompute(false);
}

namespace {

QString number(double v) { return QString::number(v, 'g', 3); }

}  // namespace

void ScorePage::updateReadout() {
  const ScoreSettings s = settings();
  const bool point = s.startAtPoint;
  const double sx = s.start.size() > 0 ? s.start[0] : 0, sy = s.start.size() > 1 ? s.start[1] : 0;
  m_plane->setStart(point, sx, sy);
  m_curve->setStart(point, sx, sy);
  for (QWidget* w : std::initializer_list<QWidget*>{m_play, m_step, m_reset, m_slider})
    w->setEnabled(m_frames != nullptr);
  if (!m_frames || m_frames->frames() == 0) {
    m_readout->setText(m_hasSetup ? tr("Computing the Langevin run…") : QString());
    m_distance->clear();
    return;
  }
  const LangevinFrames& f = *m_frames;
  const size_t k = static_cast<size_t>(m_frame);
  const int t = f.t[k];
  QString text;
  if (t == 0) {
    text = tr("Final denoising step: x̂₀ = (x − √(1−ᾱₜ) ε̂)/√ᾱₜ at t = %1").arg(f.levels.back());
  } else {
    const auto level = std::find(f.levels.begin(), f.levels.end(), t) - f.levels.begin();
    if (f.levels.size() > 1) text = tr("Level %1 / %2 (t = %3)").arg(level + 1).arg(f.levels.size()).arg(t);
    else text = tr("t = %1").arg(t);
    text += tr(" · update %1 / %2").arg(f.update[k]).arg(f.totalUpdates);
    if (std::isfinite(f.delta[k])) text += tr(" · δ = %1").arg(f.delta[k], 0, 'e', 1);
    else text += point ? tr(" · the start: every particle at the chosen point") : tr(" · the start: x ~ N(0, I)");
    if (f.stride > 1) text += tr(" (a frame every %1 updates)").arg(f.stride);
  }
  // Short on the page (the plot keeps the height on a projector), the reason in the tooltip.
  const bool atOne = s.mode == LangevinMode::FixedT && m_t < 1;
  if (atOne) text += tr(" · shown at t = 1 (Langevin needs t ≥ 1)");
  m_readout->setText(text);
  m_readout->setToolTip(atOne ? tr("At t = 0, q(x₀) has no noise and ε̂ no meaning: the page shows t = 1.") : QString());

  const QString target = f.targetT == 0 ? tr("the data q(x₀)") : tr("q(xₜ) at t = %1").arg(f.targetT);
  const QString metric = f.dim == 1 ? tr("KS distance") : tr("Sliced W₂");
  m_distance->setText(tr("%1 to %2: %3 now, %4 at the end (exact sample of %5: %6)")
                          .arg(metric, target, number(f.distanceAt(m_frame)), number(f.distance.back()))
                          .arg(f.n)
                          .arg(number(f.floor)));
}

void ScorePage::updateStatus() {
  QString text;
  if (!m_error.isEmpty()) {
    text = QStringLiteral("<span style='color:#b00000'>%1</span>").arg(m_error.toHtmlEscaped());
  } else if (m_runJobs->isBusy()) {
    text = m_progress >= 0 ? tr("Computing the Langevin run: %1 %").arg(m_progress / 10)
                           : tr("Computing the Langevin run…");
  } else if (m_fieldJobs->isBusy()) {
    text = tr("Computing the score field…");
  } else if (m_frames) {
    text = tr("%1 denoiser evaluations.").arg(m_frames->evaluations);
  }
  m_status->setText(text);
}

bool ScorePage::isBusy() const { return m_fieldJobs->isBusy() || m_runJobs->isBusy(); }

void ScorePage::setPresentationMode(bool on) {
  PlotStyle style;
  style.presentation = on;
  m_plane->setStyle(style);
  m_curve->setStyle(style);
}

bool ScorePage::exportCsv(const QString& path, QString* error) const {
  if (!m_frames || m_frames->frames() == 0) {
    if (error) *error = tr("No particles yet: the Langevin run is still being computed.");
    return false;
  }
  const std::vector<float>& x = m_frames->x[static_cast<size_t>(m_frame)];
  try {
    // core's point-set format (header x or x,y), so the Train lesson and diffusion-cli read it back.
    const at::Tensor points =
        at::tensor(std::vector<double>(x.begin(), x.end()), at::kDouble).view({-1, m_frames->dim});
    writePointsCsv(path.toStdString(), points);
  } catch (const std::exception& e) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, QString::fromStdString(e.what()));
    return false;
  }
  return true;
}

}  // namespace ds::ui
