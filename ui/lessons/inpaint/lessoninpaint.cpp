#include "ui/lessons/inpaint/lessoninpaint.h"

#include "core/data/idx.h"
#include "core/data/masks.h"
#include "core/eval/imageinpaint.h"
#include "core/models/unet.h"
#include "core/runtime/atomicfile.h"
#include "ui/computecontext.h"
#include "ui/coremessages.h"
#include "ui/jobtracker.h"
#include "ui/lessons/images/imagegrid.h"
#include "ui/lessons/images/imagescontrols.h"  // fashionClassName
#include "ui/lessons/inpaint/inpaintcontrols.h"
#include "ui/lessons/inpaint/inpaintdocument.h"
#include "ui/lessons/inpaint/maskcanvas.h"
#include "ui/lessons/inpaint/maskdocument.h"
#include "ui/lessons/inpaint/masktools.h"
#include "ui/widgets/controlsscroll.h"
#include "ui/widgets/shortcuts.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QPainter>
#include <QPointer>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>

#include <ATen/ATen.h>

#include <algorithm>
#include <ostream>

namespace ds::ui {

namespace {

// What an inpainting job hands back: the models it used (loaded by the first job on a device).
struct InpaintJobResult {
  std::shared_ptr<const InpaintModels> models;
  ImageInpaintResult result;
};

struct PictureJobResult {
  std::shared_ptr<const ImageSet> set;
  QImage picture;
  int label = 0;
};

at::Tensor toTensor(const std::vector<float>& values, int w, int h) {
  return at::tensor(at::ArrayRef<float>(values)).view({h, w}).clone();
}

QString methodTitle(InpaintMethod method) {
  switch (method) {
    case InpaintMethod::Replace:
      return LessonInpaint::tr("Replace");
    case InpaintMethod::Repaint:
      return LessonInpaint::tr("RePaint");
    case InpaintMethod::Conditioned:
      return LessonInpaint::tr("Conditioned model");
  }
  return {};
}

}  // namespace

LessonInpaint::LessonInpaint(ComputeContext* context, QWidget* parent)
    : Lesson(context, parent),
      m_doc(new InpaintDocument(this)),
      m_mask(new MaskDocument(this)),
      m_pictureTracker(new JobTracker(context, this)) {
  // A mask to start from, so that Inpaint does something at once: the central box.
  const at::Tensor box = fixedInpaintMask(FixedMask::CentralBox, m_mask->width()).contiguous();
  m_mask->setMask(std::vector<float>(box.data_ptr<float>(), box.data_ptr<float>() + box.numel()), tr("Central box"));
  m_mask->undoStack()->clear();
  m_startMask = m_mask->mask();
  buildViews();
  buildActions();
  connect(m_controls, &InpaintControls::runRequested, this, &LessonInpaint::inpaintNow);
  connect(m_controls, &InpaintControls::testPictureRequested, this, &LessonInpaint::loadTestPicture);
  connect(m_tools, &MaskToolsPanel::pictureLoaded, this, [this](const QString& description) {
    m_doc->setTestIndex(-1);
    m_userPicture = true;
    Q_EMIT autosaveNeeded(false);
    m_controls->setStatus(description.toHtmlEscaped() + tr("<br>Press Inpaint to fill the mask."));
  });
  connect(m_mask, &MaskDocument::maskChanged, this, [this] {
    Q_EMIT autosaveNeeded(false);
    if (m_result) m_controls->setStatus(tr("The mask changed: press Inpaint (Ctrl+Return) to fill it again."));
  });
  if (context) connect(context, &ComputeContext::deviceChanged, this, [this] { m_models.reset(); });
  connect(m_doc, &InpaintDocument::modelsChanged, this, [this] {
    m_models.reset();
    m_controls->setModelInfo(
        tr("Models: %1 and %2 (loaded with the next run).").arg(m_doc->modelName(), m_doc->inpainterName()));
  });
  m_controls->setModelInfo(
      tr("Models: %1 and %2 (loaded with the first run).").arg(m_doc->modelName(), m_doc->inpainterName()));
  m_controls->setStatus(tr("Paint the part to fill in white (the brush), or keep the central box. Then Inpaint."));
}

LessonInpaint::~LessonInpaint() {
  m_pictureTracker->cancelAndWait();
  tracker()->cancelAndWait();
}

void LessonInpaint::buildViews() {
  m_canvas = new MaskCanvas(m_mask, this);
  m_canvas->setMinimumSize(200, 200);
  m_tools = new MaskToolsPanel(m_mask, m_canvas);
  m_controls = new InpaintControls(m_doc);
  auto* column = new QWidget(this);
  auto* columnLayout = new QVBoxLayout(column);
  columnLayout->setContentsMargins(0, 0, 0, 0);
  // The settings and the Inpaint button first (they fit above the fold at 768 pixels); the canvas
  // itself paints with the brush at once, and [ ] size it, so the mask tools can come second.
  columnLayout->addWidget(m_controls);
  columnLayout->addWidget(m_tools);

  auto* results = new QWidget(this);
  auto* resultsLayout = new QVBoxLayout(results);
  resultsLayout->setContentsMargins(0, 0, 0, 0);
  resultsLayout->setSpacing(4);
  for (int i = 0; i < 3; ++i) {
    m_grids[i] = new ImageGridView(results);
    m_grids[i]->setObjectName(QStringLiteral("inpaintResult%1").arg(i));
    m_grids[i]->setRowLabels({tr("xₜ"), tr("x̂₀")});
    m_grids[i]->setToolTip(
        tr("Every fill of this method at the current t: xₜ (top) and the model's prediction x̂₀ "
           "(bottom). The orange line outlines the part that was filled; the seam says how "
           "sharply the fill meets the kept pixels (the picture's own value in brackets)."));
    m_grids[i]->setVisible(false);
    resultsLayout->addWidget(m_grids[i], 1);
  }
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_canvas);
  split->addWidget(results);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  split->setSizes({400, 600});  // scaled to the page's width when it is laid out
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(new ControlsScrollArea(column, this));
  layout->addWidget(split, 1);
}

void LessonInpaint::buildActions() {
  auto* run = new QAction(tr("Inpaint"), this);
  connect(run, &QAction::triggered, this, &LessonInpaint::inpaintNow);
  auto* save = new QAction(tr("Save fills as PNG…"), this);
  connect(save, &QAction::triggered, this, [this] {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save fills"), QStringLiteral("inpainted.png"), tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    QString error;
    if (!saveResultsPng(path, &error)) Q_EMIT statusMessage(error);
    else Q_EMIT statusMessage(tr("Saved %1").arg(path));
  });
  auto* saveMask = new QAction(tr("Save mask…"), this);
  connect(saveMask, &QAction::triggered, m_tools, &MaskToolsPanel::chooseMaskSaveFile);
  auto* loadPicture = new QAction(tr("Load picture…"), this);
  connect(loadPicture, &QAction::triggered, m_tools, &MaskToolsPanel::choosePicture);
  QAction* undo = m_mask->undoStack()->createUndoAction(this, tr("Undo mask edit"));
  undo->setObjectName(QStringLiteral("undoMask"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = m_mask->undoStack()->createRedoAction(this, tr("Redo mask edit"));
  redo->setObjectName(QStringLiteral("redoMask"));
  redo->setShortcuts(redoShortcuts());
  for (QAction* a : {undo, redo}) {
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(a);
  }
  m_actions = {run, undo, redo, loadPicture, saveMask, save};
}

ImageGridView* LessonInpaint::methodGrid(int index) const { return m_grids[std::clamp(index, 0, 2)]; }

NoiseSchedule LessonInpaint::schedule() const {
  if (m_models) return NoiseSchedule(m_models->meta.schedule);
  return NoiseSchedule(ScheduleSpec{});  // the bundled models': linear β, T = 1000
}

void LessonInpaint::showEvent(QShowEvent* event) {
  Lesson::showEvent(event);
  if (m_firstShow) {
    m_firstShow = false;
    if (m_restored) inpaintNow();  // the autosaved picture and mask are already here
    else loadTestPicture(m_firstPicture);
  }
}

// ---- jobs -----------------------------------------------------------------------------------

void LessonInpaint::loadTestPicture(int index) {
  std::shared_ptr<const ImageSet> set = m_testSet;
  QPointer<LessonInpaint> self(this);
  m_pictureTracker->submit<PictureJobResult>(
      tr("Loading a test picture"),
      [set, index](const ProgressFn&, const CancelToken&) {
        PictureJobResult r;
        r.set = set ? set : std::make_shared<const ImageSet>(loadFashionMnist("fashion-mnist", ImageSplit::Test));
        const auto i = std::clamp<std::int64_t>(index, 0, r.set->images.size(0) - 1);
        r.picture = grayImage(r.set->images[i]);
        r.label = int(r.set->labels[i].item<std::int64_t>());
        return r;
      },
      [self, index](std::shared_ptr<const PictureJobResult> r) {
        if (!self) return;
        self->m_testSet = r->set;
        self->m_mask->setImage(r->picture, tr("Test picture %1").arg(index));
        self->m_doc->setTestIndex(index);
        self->m_userPicture = false;
        Q_EMIT self->autosaveNeeded(false);
        const bool first = !self->m_result;
        self->m_controls->setStatus(tr("Test picture %1: %2.").arg(index).arg(fashionClassName(r->label)) +
                                    (first ? QString() : tr("<br>Press Inpaint to fill the mask.")));
        if (first) self->inpaintNow();  // the page is not empty on first sight
      },
      [self](const QString& message) {
        if (self) self->showFailure(tr("Could not load the Fashion-MNIST test pictures"), message);
      });
}

void LessonInpaint::inpaintNow() {
  const InpaintSettings s = m_doc->settings();
  if (s.methods().empty()) return showFailure(tr("Nothing to run"), tr("choose at least one method"));
  const c10::Device device = computeContext() ? computeContext()->device() : c10::Device(c10::kCPU);
  std::shared_ptr<const InpaintModels> models = m_models && m_models->device == device ? m_models : nullptr;
  const std::string modelName = m_doc->modelName().toStdString();
  const std::string inpainterName = m_doc->inpainterName().toStdString();
  ImageInpaintRequest request;
  request.picture = toTensor(m_mask->imagePixels(), m_mask->width(), m_mask->height());
  request.mask = toTensor(m_mask->mask(), m_mask->width(), m_mask->height());
  try {
    checkInpaintMask(request.mask);  // said at once, without a job
  } catch (const std::exception& e) {
    return showFailure(tr("Nothing to inpaint"), QString::fromStdString(e.what()));
  }
  request.methods = s.methods();
  request.jump = s.jump;
  request.resample = s.resample;
  request.sampler = s.sampler;
  request.samplingSteps = s.samplingSteps;
  request.eta = s.eta;
  request.label = s.label;
  request.n = s.n;
  request.seed = s.seed;
  QPointer<LessonInpaint> self(this);
  tracker()->submit<InpaintJobResult>(
      tr("Inpainting"),
      [models, modelName, inpainterName, device, request](const ProgressFn& progress, const CancelToken& cancel) {
        InpaintJobResult r;
        r.models = models ? models : loadInpaintModels(modelName, inpainterName, device);
        r.result = runImageInpaint(*r.models, request, progress, cancel);
        return r;
      },
      [self](std::shared_ptr<const InpaintJobResult> r) {
        if (!self) return;
        const bool newModels = self->m_models != r->models;
        self->m_models = r->models;
        self->m_result = std::shared_ptr<const ImageInpaintResult>(r, &r->result);
        if (newModels) {
          self->showModelInfo();
          Q_EMIT self->scheduleChanged();
        }
        QStringList parts;
        for (const auto& run : self->m_result->runs)
          parts << tr("%1 %2 s").arg(methodTitle(run.method)).arg(run.seconds, 0, 'f', 1);
        self->m_controls->setStatus(tr("Filled on %1, seed %2: %3. Scrub t to watch the chains.")
                                        .arg(deviceDisplayName(QString::fromStdString(self->m_result->device)))
                                        .arg(self->m_result->seed)
                                        .arg(parts.join(QStringLiteral(", "))));
        self->m_t = 0;
        Q_EMIT self->timestepRequested(0);
        self->showResult();
      },
      [self](const QString& message) {
        if (self) self->showFailure(tr("Could not inpaint"), message);
      });
  m_controls->setStatus(tr("Inpainting with %1 method(s), %2 fill(s) each…").arg(request.methods.size()).arg(s.n));
}

// ---- views ----------------------------------------------------------------------------------

void LessonInpaint::showModelInfo() {
  if (!m_models) return;
  const auto& m = *m_models;
  QString text = tr("<b>U-Net</b> %1 (%2 steps).")
                     .arg(QFileInfo(QString::fromStdString(m.unetPath)).fileName().toHtmlEscaped())
                     .arg(m.meta.training.steps);
  text += QStringLiteral("<br>");
  text += m.inpainter
              ? tr("<b>Inpainting U-Net</b> %1.")
                    .arg(QFileInfo(QString::fromStdString(m.inpainterPath)).fileName().toHtmlEscaped())
              : tr("<b>No inpainting U-Net</b>: %1").arg(QString::fromStdString(m.inpainterError).toHtmlEscaped());
  m_controls->setModelInfo(text);
}

void LessonInpaint::showFailure(const QString& what, const QString& message) {
  m_controls->setStatus(tr("<span style='color:#b00'>%1: %2</span>").arg(what, message.toHtmlEscaped()));
  Q_EMIT statusMessage(what + QStringLiteral(": ") + message);
}

void LessonInpaint::showResult() {
  if (!m_result) return;
  const ImageInpaintResult& r = *m_result;
  const at::Tensor mask = r.mask[0][0].contiguous();
  std::vector<float> outline(mask.data_ptr<float>(), mask.data_ptr<float>() + mask.numel());
  for (int i = 0; i < 3; ++i) {
    const bool shown = i < int(r.runs.size());
    m_grids[i]->setVisible(shown);
    if (!shown) continue;
    const ImageInpaintRun& run = r.runs[std::size_t(i)];
    const int index = run.chain.indexNearest(m_t);
    const int t = run.chain.t[std::size_t(index)];
    const at::Tensor& x = run.chain.x[std::size_t(index)];
    const at::Tensor& x0 = run.chain.x0Pred[std::size_t(index)];
    const int n = int(x.size(0));
    std::vector<QImage> cells = grayImages(x);
    for (QImage& image : grayImages(x0.defined() ? x0 : x)) cells.push_back(std::move(image));
    m_grids[i]->setImages(std::move(cells), n);
    double seam = 0;
    for (double v : run.seam) seam += v / double(run.seam.size());
    m_grids[i]->setTitle(tr("%1 · t = %2 · %5 s\nseam %3 (picture: %4)")
                             .arg(methodTitle(run.method))
                             .arg(t)
                             .arg(seam, 0, 'f', 3)
                             .arg(r.originalSeam, 0, 'f', 3)
                             .arg(run.seconds, 0, 'f', 1));
    m_grids[i]->setOutline(outline, int(mask.size(1)), int(mask.size(0)));
  }
}

void LessonInpaint::setTimestep(int t) {
  m_t = std::max(0, t);
  showResult();
}

void LessonInpaint::setDirection(Direction) {
  // Inpainting is a reverse chain; both directions scrub the recorded chains.
  showResult();
}

void LessonInpaint::setPresentationMode(bool on) {
  m_presentation = on;
  for (ImageGridView* g : m_grids) g->setPresentation(on);
}

bool LessonInpaint::exportParticlesCsv(const QString& path, QString* error) const {
  if (!m_result) {
    if (error) *error = tr("Nothing to export yet: press Inpaint first.");
    return false;
  }
  try {
    AtomicFileWriter file(path.toStdString());
    std::ostream& text = file.stream();
    const int pixels = int(m_result->mask.numel());
    text << "method,fill,t";
    for (int p = 0; p < pixels; ++p) text << ",p" << p;
    text << '\n';
    for (const auto& run : m_result->runs) {
      const int index = run.chain.indexNearest(m_t);
      const at::Tensor x = run.chain.x[std::size_t(index)].reshape({-1, pixels}).contiguous();
      for (std::int64_t i = 0; i < x.size(0); ++i) {
        text << toString(run.method) << ',' << i << ',' << run.chain.t[std::size_t(index)];
        const float* v = x[i].data_ptr<float>();
        for (int p = 0; p < pixels; ++p) text << ',' << v[p];
        text << '\n';
      }
    }
    file.commit();
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
  return true;
}

bool LessonInpaint::saveResultsPng(const QString& path, QString* error) const {
  if (!m_result || m_result->runs.empty()) {
    if (error) *error = tr("Nothing to save yet: press Inpaint first.");
    return false;
  }
  // One row per method: the picture, then its fills, 4× nearest-neighbour scaled.
  const auto& r = *m_result;
  const int n = int(r.runs.front().chain.final().size(0)), side = int(r.picture.size(3)), scale = 4, gap = 4;
  QImage sheet((n + 1) * (side * scale + gap) + gap, int(r.runs.size()) * (side * scale + gap) + gap,
               QImage::Format_Grayscale8);
  sheet.fill(128);
  QPainter p(&sheet);
  for (std::size_t m = 0; m < r.runs.size(); ++m) {
    const int y = gap + int(m) * (side * scale + gap);
    p.drawImage(QRect(gap, y, side * scale, side * scale), grayImage(r.picture[0]));
    const std::vector<QImage> fills = grayImages(r.runs[m].chain.final());
    for (int i = 0; i < n; ++i)
      p.drawImage(QRect(gap + (i + 1) * (side * scale + gap), y, side * scale, side * scale), fills[std::size_t(i)]);
  }
  p.end();
  if (!sheet.save(path, "PNG")) {
    if (error) *error = tr("Could not write %1").arg(path);
    return false;
  }
  return true;
}

}  // namespace ds::ui
