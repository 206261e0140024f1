// The pages of the Likelihood & score lesson, in tab order: one include and one line per page.

#include "ui/lessons/likelihood/pages.h"

#include "ui/lessons/likelihood/imagebpdpage.h"
#include "ui/lessons/likelihood/likelihoodpanel.h"
#include "ui/lessons/likelihood/pointpage.h"
#include "ui/lessons/likelihood/scorepage.h"
#include "ui/lessons/likelihood/stepspage.h"
#include "ui/lessons/likelihood/vlbpage.h"

namespace ds::ui {

std::vector<LikelihoodPanel*> createLikelihoodPages(ComputeContext* context, QWidget* parent) {
  (void)context;
  (void)parent;
  std::vector<LikelihoodPanel*> pages;
  pages.push_back(new VlbPage(context, parent));
  pages.push_back(new PointPage(context, parent));
  pages.push_back(new ScorePage(context, parent));
  pages.push_back(new StepsPage(context, parent));
  pages.push_back(new ImageBpdPage(context, parent));
  return pages;
}

}  // namespace ds::ui
