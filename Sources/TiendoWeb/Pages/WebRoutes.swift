import TiendoApp
import Vapor

/// The pages, under Vietnamese paths users can read and share: one table, patterns from `SiteURL`.
enum WebRoutes {
    static func register(_ app: any RoutesBuilder) {
        let obligation = ":obligation", reporter = ":reporter"
        app.get(SiteURL.asset(":file").pattern, use: StaticAssets.serve)
        app.get(SiteURL.home.pattern, use: HomePage.show)
        app.get(SiteURL.plan.pattern, use: PlanPage.show)
        app.get(SiteURL.planImport.pattern, use: PlanImportPages.index)
        app.form(.planImport, maxBytes: ImportPlan.maxBytes + (1 << 20), use: PlanImportPages.upload)
        app.get(SiteURL.planDraft(":draft").pattern, use: PlanImportPages.review)
        app.form(.planDraft(":draft"), use: PlanImportPages.save)
        app.get(SiteURL.planById(":id").pattern, use: PlanImportPages.plan)
        app.get(SiteURL.tasks.pattern, use: TasksPage.show)
        app.get(SiteURL.task(code: ":code").pattern, use: TaskPage.show)
        app.form(.taskUpdate(code: ":code"), use: TaskPage.post)
        app.get(SiteURL.units.pattern, use: UnitPages.index)
        app.get(SiteURL.agency(name: ":name").pattern, use: UnitPages.agency)
        app.get(SiteURL.district(code: ":code").pattern, use: UnitPages.district)
        app.get(SiteURL.indicators.pattern, use: IndicatorsPage.show)
        app.get(SiteURL.programme.pattern, use: ProgrammePage.show)
        app.get(SiteURL.programmeReview.pattern, use: ProgrammePage.review)
        app.get(SiteURL.capital.pattern, use: CapitalPage.show)
        app.get(SiteURL.work(code: ":code").pattern, use: WorkPage.show)
        app.form(.workReport(code: ":code"), use: WorkPage.post)
        app.get(SiteURL.indicator(code: ":code").pattern, use: IndicatorPage.show)
        app.get(SiteURL.figures.pattern, use: DataPages.index)
        app.get(SiteURL.reporterFigures(obligation: obligation, reporter: reporter).pattern, use: DataPages.show)
        app.form(.reporterFigures(obligation: obligation, reporter: reporter), use: DataPages.save)
        app.form(.figureStep(obligation: obligation, reporter: reporter), use: DataPages.step)
        app.get(SiteURL.figureTemplate(obligation: obligation, reporter: reporter).pattern, use: DataPages.template)
        app.form(.figureTemplate(obligation: obligation, reporter: reporter), use: DataPages.upload)
        app.get(SiteURL.communeGrid(obligation: obligation, district: reporter).pattern, use: CommuneGridPage.show)
        app.form(.communeGrid(obligation: obligation, district: reporter), use: CommuneGridPage.save)
        app.form(.communeGridApproval(obligation: obligation, district: reporter), use: CommuneGridPage.approve)
        app.get(SiteURL.surveys.pattern, use: SurveyPages.index)
        // Streamed: the route decides who may post before reading the body (`StreamedForm`).
        app.on(.POST, SiteURL.surveys.pattern, body: .stream, use: SurveyPages.upload)
        app.get(SiteURL.survey(year: ":year").pattern, use: SurveyPages.show)
        app.get(SiteURL.reports.pattern, use: ReportPages.index)
        app.get(SiteURL.reportObligation(obligation).pattern, use: ReportPages.obligation)
        app.get(SiteURL.reportDownload(obligation).pattern, use: ReportPages.download)
        app.get(SiteURL.admin.pattern, use: AdminPage.show)
        app.get(SiteURL.mapAdmin.pattern, use: MapAdminPage.show)
        app.form(.mapAdminAgency, use: MapAdminPage.agency)
        app.form(.mapAdminShares, use: MapAdminPage.shares)
        app.form(.mapAdminAccount, use: MapAdminPage.account)
        app.get(SiteURL.signIn.pattern, use: AuthPages.loginForm)
        // Signing in needs no session, so no form token: a stale session's cookie must not keep anyone out.
        app.post(SiteURL.signIn.pattern, use: AuthPages.login)
        app.form(.signOut, use: AuthPages.logout)
        app.get(SiteURL.account.pattern, use: AuthPages.account)
        app.form(.changePassword, use: AuthPages.changePassword)
        app.get(SiteURL.language.pattern, use: AuthPages.language)
    }
}
