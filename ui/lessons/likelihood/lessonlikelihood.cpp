#include "ui/lessons/likelihood/lessonlikelihood.h"

#include "ui/lessons/likelihood/likelihoodcontrols.h"
#include "ui/lessons/likelihood/likelihooddocument.h"
#include "ui/lessons/likelihood/likelihoodpanel.h"
#include "ui/lessons/likelihood/pages.h"
#include "ui/widgets/controlsscroll.h"

#include <QAction>
#include <QHBoxLayout>
#include <QScrollArea>
#include <QTabBar>
#include <QTabWidget>
#include <QUndoStack>

#include <algorithm>

namespace ds::ui {

LessonLikelihood::LessonLikelihood(ComputeContext* context, QWidget* parent)
    : Lesson(context, parent), m_doc(new LikelihoodDocument(this)) {
  m_controls = new LikelihoodControls(m_doc);
  m_tabs = new QTabWidget(this);
  m_tabs->setObjectName(QStringLiteral("likelihoodPages"));
  m_tabs->setDocumentMode(true);
  m_tabs->setUsesScrollButtons(true);  // five tabs at presentation size are wider than a small window
  // Clicks only: with the keyboard focus on the tab bar, ← and → would switch pages instead of
  // moving the timeline.
  m_tabs->tabBar()->setFocusPolicy(Qt::NoFocus);
  m_pages = createLikelihoodPages(context, m_tabs);
  for (LikelihoodPanel* page : m_pages) {
    page->setObjectName(QStringLiteral("page_") + page->pageId());
    // Each page scrolls inside its tab when the window is smaller than the page's minimum (a small
    // screen, presentation fonts): the pages' sizes never make the window larger than the screen.
    auto* scroll = new QScrollArea(m_tabs);
    scroll->setObjectName(QStringLiteral("scroll_") + page->pageId());
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // A short tab text, so all five tabs fit without scroll arrows at 1024×768 in presentation mode;
    // the full title is the tooltip. A '&' is text ("Point NLL & paths"), not a mnemonic marker.
    const int index =
        m_tabs->addTab(scroll, QString(page->shortTitle()).replace(QLatin1Char('&'), QStringLiteral("&&")));
    m_tabs->setTabToolTip(index, page->title());
    QWidget* pageControls = page->controls();
    if (pageControls) pageControls->setObjectName(QStringLiteral("controls_") + page->pageId());
    m_controls->addPageControls(pageControls);
    connect(page, &LikelihoodPanel::statusMessage, this, &Lesson::statusMessage);
    page->setSetup(m_doc->setup());
    page->setTimestep(m_t);
  }
  m_controls->setCurrentPage(0);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  // In a scroll area, so presentation-size fonts never push the window taller.
  layout->addWidget(new ControlsScrollArea(m_controls, this));
  layout->addWidget(m_tabs, 1);

  buildActions();
  connect(m_doc, &LikelihoodDocument::changed, this, &LessonLikelihood::setupChanged);
  connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
    m_controls->setCurrentPage(index);
    updateActive();
  });
}

LessonLikelihood::~LessonLikelihood() = default;

void LessonLikelihood::buildActions() {
  QAction* undo = m_doc->undoStack()->createUndoAction(this, tr("Undo"));
  QAction* redo = m_doc->undoStack()->createRedoAction(this, tr("Redo"));
  m_actions = {undo, redo};
}

void LessonLikelihood::setupChanged() {
  const NoiseSchedule before = schedule();
  for (LikelihoodPanel* page : m_pages) page->setSetup(m_doc->setup());
  const ScheduleSpec& now = m_doc->setup().schedule;
  if (before.steps() != now.steps || before.spec().kind != now.kind) {
    m_t = std::clamp(m_t, 0, now.steps);
    Q_EMIT scheduleChanged();
  }
}

NoiseSchedule LessonLikelihood::schedule() const { return NoiseSchedule(m_doc->setup().schedule); }

void LessonLikelihood::setTimestep(int t) {
  m_t = std::clamp(t, 0, m_doc->setup().schedule.steps);
  for (LikelihoodPanel* page : m_pages) page->setTimestep(m_t);
}

void LessonLikelihood::setDirection(Direction) {
  // The pages show bounds and fields at each t, not a chain run one way: nothing to turn around.
}

void LessonLikelihood::setPresentationMode(bool on) {
  // The controls follow the application font, which the main window enlarges.
  for (LikelihoodPanel* page : m_pages) page->setPresentationMode(on);
}

bool LessonLikelihood::exportParticlesCsv(const QString& path, QString* error) const {
  if (LikelihoodPanel* page = currentPage()) return page->exportCsv(path, error);
  if (error) *error = tr("This lesson has no page to export from.");
  return false;
}

LikelihoodPanel* LessonLikelihood::currentPage() const {
  const int index = m_tabs->currentIndex();
  return index >= 0 && index < static_cast<int>(m_pages.size()) ? m_pages[static_cast<size_t>(index)] : nullptr;
}

LikelihoodPanel* LessonLikelihood::page(const QString& pageId) const {
  const auto it =
      std::find_if(m_pages.begin(), m_pages.end(), [&](const LikelihoodPanel* p) { return p->pageId() == pageId; });
  return it == m_pages.end() ? nullptr : *it;
}

bool LessonLikelihood::setCurrentPage(const QString& pageId) {
  for (size_t i = 0; i < m_pages.size(); ++i) {
    if (m_pages[i]->pageId() != pageId) continue;
    m_tabs->setCurrentIndex(static_cast<int>(i));
    return true;
  }
  return false;
}

bool LessonLikelihood::isBusy() const {
  return std::any_of(m_pages.begin(), m_pages.end(), [](const LikelihoodPanel* p) { return p->isBusy(); });
}

void LessonLikelihood::updateActive() {
  LikelihoodPanel* current = currentPage();
  // Deactivate first, so no two pages compute at once even for a moment.
  for (LikelihoodPanel* page : m_pages)
    if (page != current) page->setActive(false);
  if (current) current->setActive(m_shown);
}

void LessonLikelihood::showEvent(QShowEvent* event) {
  Lesson::showEvent(event);
  m_shown = true;
  updateActive();
}

void LessonLikelihood::hideEvent(QHideEvent* event) {
  Lesson::hideEvent(event);
  m_shown = false;
  updateActive();
}

}  // namespace ds::ui
