#include "ui/lessons/inpaint2d/lessoninpaint2d.h"

#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/inpaint2d/conditionalpanel.h"
#include "ui/lessons/inpaint2d/inpaint2dcontrols.h"
#include "ui/lessons/inpaint2d/inpaint2ddocument.h"
#include "ui/lessons/inpaint2d/inpaint2djobs.h"
#include "ui/lessons/inpaint2d/inpaint2dplane.h"
#include "ui/lessons/inpaint2d/inpaint2dpresets.h"
#include "ui/lessons/inpaint2d/methodstyle.h"
#include "ui/widgets/controlsscroll.h"
#include "ui/widgets/plotstyle.h"

#include <QAction>
#include <QHBoxLayout>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace ds::ui {

namespace {

Inpaint2DSettings initialSettings() {
  const Inpaint2DPreset& preset = inpaint2DPresets().front();
  Inpaint2DSettings s;
  s.mixture = GaussianMixture::parse(preset.spec.toStdString());
  s.observedDim = preset.observedDim;
  s.value = preset.value;
  return s;
}

}  // namespace

LessonInpaint2D::LessonInpaint2D(ComputeContext* context, QWidget* parent)
    : Lesson(context, parent), m_doc(new Inpaint2DDocument(initialSettings(), this)) {
  m_controls = new Inpaint2DControls(m_doc);
  buildViews(new ControlsScrollArea(m_controls, this));
  buildActions();
  connect(m_doc, &Inpaint2DDocument::changed, this, [this] {
    m_plane->setObservation(m_doc->settings().observedDim, m_doc->settings().value);
    regenerate();
  });
  connect(m_plane, &Inpaint2DPlane::valueCommitted, m_doc, &Inpaint2DDocument::setValue);
  connect(m_plane, &Inpaint2DPlane::valueDragged, this, [this](double c) {
    m_controls->setStatus(tr("Release to sample with %1 = %2.")
                              .arg(m_doc->settings().observedDim == 1 ? tr("x₂") : tr("x₁"))
                              .arg(c, 0, 'f', 2));
  });
  m_plane->setObservation(m_doc->settings().observedDim, m_doc->settings().value);
  regenerate();
}

LessonInpaint2D::~LessonInpaint2D() = default;

void LessonInpaint2D::buildViews(QWidget* controls) {
  m_plane = new Inpaint2DPlane(this);
  m_plane->setObjectName(QStringLiteral("plane"));
  m_scrub = new ScrubAntialiasing(this);
  m_scrub->addPlot(m_plane->plot());
  auto* column = new QWidget(this);
  column->setObjectName(QStringLiteral("panels"));
  auto* panels = new QVBoxLayout(column);
  panels->setContentsMargins(0, 0, 0, 0);
  for (InpaintMethod method : kInpaintMethods) {
    auto* panel = new ConditionalPanel(method, column);
    panels->addWidget(panel, 1);
    m_panels.push_back(panel);
  }
  // The panels scroll when they cannot all be readable (presentation fonts on a small screen).
  auto* scroll = new QScrollArea(this);
  scroll->setObjectName(QStringLiteral("panelsScroll"));
  scroll->setWidget(column);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(190);  // a KS line longer than this wraps
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_plane);
  split->addWidget(scroll);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setChildrenCollapsible(false);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(controls);  // in a scroll area, so presentation-size fonts never push the window taller
  layout->addWidget(split, 1);
}

void LessonInpaint2D::buildActions() {
  auto* regen = new QAction(tr("Regenerate samples"), this);
  connect(regen, &QAction::triggered, m_controls->regenerateButton(), &QPushButton::click);
  QAction* undo = m_doc->undoStack()->createUndoAction(this, tr("Undo"));
  QAction* redo = m_doc->undoStack()->createRedoAction(this, tr("Redo"));
  m_actions = {regen, undo, redo};
}

void LessonInpaint2D::regenerate() {
  if (!m_doc->anyMethodShown()) {
    tracker()->cancel();  // a running job's result would show methods the user just hid
    m_controls->setStatus(tr("<span style='color:#b00'>Tick at least one method to sample.</span>"));
    return;
  }
  if (!isVisible()) {
    m_pending = true;
    return;
  }
  m_pending = false;
  Inpaint2DRequest request = m_doc->request(kInpaintPaths, kInpaintBins);
  request.device = computeContext() ? computeContext()->device() : c10::Device(c10::kCPU);
  const QString label = m_doc->samplerLabel();
  QPointer<LessonInpaint2D> self(this);
  tracker()->submit<Inpaint2DResult>(
      tr("2-D inpainting"),
      [request](const ProgressFn& progress, const CancelToken& cancel) {
        return runInpaint2D(request, progress, cancel);
      },
      [self, label](std::shared_ptr<const Inpaint2DResult> result) {
        if (!self) return;
        self->m_resultSampler = label;
        self->applyResult(std::move(result));
      },
      [self](const QString& message) {
        if (self) self->showFailure(message);
      });
  m_controls->setStatus(tr("Sampling %1 × %2 with %3…").arg(request.methods.size()).arg(request.n).arg(label));
}

void LessonInpaint2D::applyResult(std::shared_ptr<const Inpaint2DResult> result) {
  const bool newT = !m_result || m_result->request.schedule.steps != result->request.schedule.steps ||
                    m_result->request.schedule.kind != result->request.schedule.kind;
  m_result = std::move(result);
  ++m_generation;
  m_t = std::clamp(m_t, 0, m_result->request.schedule.steps);
  m_plane->setResult(m_result);
  for (ConditionalPanel* panel : m_panels) {
    const auto& methods = m_result->inpaint->methods;
    const auto it = std::find_if(methods.begin(), methods.end(),
                                 [panel](const Inpaint2DMethod& m) { return m.method == panel->method(); });
    panel->setVisible(it != methods.end());
    if (it != methods.end()) panel->setResult(*m_result, *it);
  }
  setTimestep(m_t);
  showStatus();
  if (newT) Q_EMIT scheduleChanged();
}

void LessonInpaint2D::showStatus() {
  const Inpaint2DRequest& r = m_result->request;
  m_controls->setStatus(tr("n = %1 per method · T = %2 · %3 · exact denoisers, so every difference is the "
                           "method's. Drag the dashed line to observe another value.")
                            .arg(r.n)
                            .arg(r.schedule.steps)
                            .arg(m_resultSampler));
}

void LessonInpaint2D::showFailure(const QString& message) {
  m_controls->setStatus(
      tr("<span style='color:#b00'>Could not run the inpainting: %1</span>").arg(message.toHtmlEscaped()));
  Q_EMIT statusMessage(message);
}

NoiseSchedule LessonInpaint2D::schedule() const {
  return NoiseSchedule(m_result ? m_result->request.schedule : m_doc->scheduleSpec());
}

int LessonInpaint2D::timestep() const { return m_t; }

void LessonInpaint2D::setTimestep(int t) {
  const int T = m_result ? m_result->request.schedule.steps : m_doc->settings().steps;
  m_t = std::clamp(t, 0, T);
  m_scrub->noteFrame();
  m_plane->setTimestep(m_t);
}

void LessonInpaint2D::setDirection(Direction) {
  // Inpainting has only a reverse chain: the paths always run from x_T down to the shown t.
}

void LessonInpaint2D::setPresentationMode(bool on) {
  PlotStyle style;
  style.presentation = on;
  m_plane->setStyle(style);
  for (ConditionalPanel* panel : m_panels) panel->setStyle(style);
  m_controls->setPresentationMode(on);
  // Wide enough for the histograms' tick labels at presentation size.
  if (auto* panels = findChild<QScrollArea*>(QStringLiteral("panelsScroll")))
    panels->setMinimumWidth(style.size(190, 250));
}

bool LessonInpaint2D::exportParticlesCsv(const QString& path, QString* error) const {
  if (!m_result) {
    if (error) *error = tr("No samples yet: the inpainting is still being computed.");
    return false;
  }
  // QSaveFile: an existing file is replaced only once the whole CSV is written.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  const Inpaint2D& r = *m_result->inpaint;
  QByteArray csv = "method,x,y\n";
  for (const Inpaint2DMethod& m : r.methods) {
    const QByteArray key = methodKey(m.method).toUtf8();
    for (double v : m.samples) {
      const double x = r.observedDim == 1 ? v : r.value, y = r.observedDim == 1 ? r.value : v;
      csv += key + ',' + QByteArray::number(x, 'g', 9) + ',' + QByteArray::number(y, 'g', 9) + '\n';
    }
  }
  file.write(csv);
  if (!file.commit()) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

QList<QAction*> LessonInpaint2D::lessonActions() { return m_actions; }

void LessonInpaint2D::showEvent(QShowEvent* event) {
  Lesson::showEvent(event);
  if (m_pending) regenerate();
}

}  // namespace ds::ui
