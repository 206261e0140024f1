// The Likelihood & score lesson's part of a lesson file (ui/lessonfile.h, docs/lesson-files.md):
// the shared set-up, the current page and every page's own settings.

#include "ui/lessons/likelihood/lessonlikelihood.h"

#include "ui/lessons/likelihood/likelihooddocument.h"
#include "ui/lessons/likelihood/likelihoodpanel.h"
#include "ui/lessons/statefields.h"

#include <utility>
#include <vector>

namespace ds::ui {

QJsonObject LessonLikelihood::saveState() const {
  const LikelihoodSettings& s = m_doc->settings();
  QJsonObject pages;
  for (const LikelihoodPanel* p : m_pages) pages.insert(p->pageId(), p->saveState());
  QJsonObject o{{QStringLiteral("mixture"), QString::fromStdString(s.mixture.toSpec())},
                {QStringLiteral("schedule"), state::scheduleName(s.scheduleKind)},
                {QStringLiteral("steps"), s.steps},
                {QStringLiteral("pages"), pages}};
  if (const LikelihoodPanel* current = currentPage()) o.insert(QStringLiteral("page"), current->pageId());
  return o;
}

bool LessonLikelihood::applyState(const QJsonObject& object, QString* error) {
  auto fail = [error](const QString& message) {
    if (error) *error = message;
    return false;
  };
  // A fresh lesson's values for what the file leaves out.
  LikelihoodSettings s = LikelihoodDocument::defaults();
  QStringList ids;
  for (const LikelihoodPanel* p : m_pages) ids << p->pageId();
  QString pageId = ids.value(0);
  QJsonObject pageStates;

  JsonFields f(object, QStringLiteral("state"));
  // A mixture of either dimension: try 1-D, then 2-D (readMixtureSpec names the field either way).
  if (f.has(QStringLiteral("mixture"))) {
    const QString spec = object.value(QStringLiteral("mixture")).toString();
    int dim = 1;
    try {
      dim = GaussianMixture::parse(spec.toStdString()).dim();
    } catch (const std::exception&) {
      // readMixtureSpec reports it
    }
    state::readMixtureSpec(f, QStringLiteral("mixture"), dim > 2 ? 2 : dim, &s.mixture);
  }
  state::readScheduleKind(f, QStringLiteral("schedule"), &s.scheduleKind);
  f.integer(QStringLiteral("steps"), LikelihoodDocument::kMinSteps, LikelihoodDocument::kMaxSteps, &s.steps);
  if (!ids.isEmpty()) f.choice(QStringLiteral("page"), ids, &pageId);
  else f.string(QStringLiteral("page"), 20, &pageId);
  f.object(QStringLiteral("pages"), &pageStates);
  for (auto it = pageStates.begin(); f.ok() && it != pageStates.end(); ++it) {
    if (!ids.contains(it.key()))
      f.fail(tr("“state.pages” has no page “%1”; the pages are %2.").arg(it.key(), ids.join(QStringLiteral(", "))));
    else if (!it.value().isObject()) f.fail(tr("“state.pages.%1” must be an object.").arg(it.key()));
  }
  if (!f.finish()) return fail(f.error());
  if (m_doc->isLocked())
    return fail(
        tr("Switch the Denoiser back to exact before opening a lesson file: a learned model locks the data and "
           "schedule."));

  // Each page checks its own part and applies it only when it is good; when one refuses, the pages
  // already changed get their old settings back, so nothing has changed.
  std::vector<std::pair<LikelihoodPanel*, QJsonObject>> applied;
  for (LikelihoodPanel* p : m_pages) {
    const QJsonObject before = p->saveState();
    QString why;
    if (!p->applyState(pageStates.value(p->pageId()).toObject(), &why)) {
      QString ignored;  // a page's own saved state always reads back
      for (auto& [page, old] : applied) page->applyState(old, &ignored);
      const QString where = QStringLiteral("state.pages.%1").arg(p->pageId());
      return fail(why.contains(where) ? why : tr("“%1”: %2").arg(where, why));
    }
    applied.emplace_back(p, before);
  }
  m_doc->setSettings(s, tr("Open lesson file"));
  if (!pageId.isEmpty()) setCurrentPage(pageId);
  return true;
}

}  // namespace ds::ui
