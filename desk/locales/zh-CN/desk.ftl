# 投诉处理台页面的简体中文文本。每条消息在 en/desk.ftl 中都有对应
# (由测试核对)。阶段名称采用流程原文:受理、判定、调查、提出方案、审批、
# 实施、总结评价、回访。

## The desk

app-name = 投诉处理台
nav-label = 主菜单
sign-out = 退出登录
answer-yes = 是
answer-no = 否
customer-time = 客户当地:
not-found = 没有这条投诉。
csrf-refused = 表单已失效或并非来自本系统:未做任何处理。请重新打开页面后再提交。
error-title = 出错了
error-internal = 系统未能完成请求。详细信息见日志。

## Sign-in

sign-in-title = 登录
sign-in-name = 用户名
sign-in-password = 密码
sign-in-submit = 登录
sign-in-invalid = 用户名或密码错误。
sign-in-too-many = 失败次数过多,请稍后再试。

## Queues

queue-title = 我的待办
queue-lead = 您负责的未结投诉,按最近到期时间排列。
due-title = 即将到期
due-lead = 团队一天内到期的投诉,已超时的排在最前。
queue-empty = 暂无。
queue-no-deadline = 无计时中的期限。
urgency-overdue = 已超时
urgency-at-risk = 即将超时
urgency-on-time = 按时

## The complaint page

complaint-title = 投诉
complaint-version = 版本
complaint-facts = 基本信息
complaint-deadlines = 期限
complaint-no-deadlines = 没有期限。
complaint-due = 到期
complaint-follow-up = 回访
complaint-no-follow-up = 尚未安排。
complaint-actions = 可执行的操作
complaint-no-actions = 在当前阶段以您的角色无可执行的操作。
complaint-timeline = 处理记录
complaint-back = 返回投诉
complaint-stale = 页面打开后该投诉已有变动:本次未写入任何内容。请重新打开,核对变动后再提交。
fact-stage = 阶段
fact-customer-zone = 客户时区
fact-priority = 优先级
fact-owner = 负责人
fact-no-owner = 部门或角色队列
fact-option = 方案 { $number }
fact-approved = 已批准的方案(审批人)
follow-up-stage = 回访状态
follow-up-slot = 下次回访时间
follow-up-attempts = 回访次数
follow-up-agreed = 与客户约定的时间
follow-up-scheduled = 已安排
follow-up-attempted = 已尝试
follow-up-completed = 已完成
follow-up-exhausted = 尝试次数已用完
deadline-status-open = 计时中
deadline-status-paused = 已暂停
deadline-status-met = 已完成
deadline-status-cancelled = 已取消

## The lifecycle diagram

diagram-title = 处理流程
diagram-current = 本投诉所处阶段
diagram-final = 流程结束。
diagram-mermaid = Mermaid 文本

## Settings

settings-title = 设置
settings-language = 语言
settings-zone = 您的时区
settings-zone-help = IANA 名称(如 Asia/Shanghai)、偏移量(如 +08:00)或 UTC。
settings-save = 保存
language-en = English
language-zh-CN = 简体中文

## Forms

intake-title = 登记投诉
form-required = 此项必填。
form-required-mark = 必填
form-not-a-time = 时间格式不正确(年-月-日 时:分)。
form-not-a-number = 请输入整数。
form-unknown-zone = 未知时区:请使用 IANA 名称(如 Asia/Shanghai)、偏移量(如 +08:00)或 UTC。
form-time-zone = 按 { $zone } 时间填写
form-unreadable = 无法读取表单。
error-field-empty = 此项不能为空。
error-field-too-long = 内容过长。
error-field-in-future = 该时间晚于当前时间。
error-field-too-early = 该时间过早。
error-field-deadline-not-ahead = 该时间必须晚于当前时间。
error-unauthorized = 您的角色无权执行此操作:未做任何处理。
error-not-allowed = 当前阶段不允许此操作。

## Stages: the procedure's own words

stage-accepted = 受理
stage-judged = 判定
stage-investigated = 调查
stage-proposed = 提出方案
stage-approved = 审批
stage-executed = 实施
stage-dismissed = 不成立
stage-withdrawn = 已撤回
stage-reviewed = 总结评价
stage-closed = 已结案
stage-referred = 已转外部机构

## Events

event-accept = 受理投诉
event-uphold = 判定成立
event-dismiss = 判定不成立
event-investigate = 记录调查结果
event-propose = 提出方案
event-choose-remedy = 记录客户选择
event-approve = 审批方案
event-decline = 客户拒绝方案
event-execute = 实施方案
event-review = 总结评价
event-reopen = 重新处理
event-withdraw = 撤回投诉
event-add-note = 添加备注
event-contact = 联系客户
event-assign = 指定负责人
event-transfer = 转交部门
event-await-customer = 等待客户
event-customer-replied = 客户已回复
event-progress-update = 告知客户处理进度
event-await-third-party = 等待第三方
event-third-party-replied = 第三方已回复
event-reclassify = 重新定级（严重程度、类别）
event-extend-deadline = 延长期限
event-escalate = 上报
event-raise-alarm = 期限预警
event-dispute = 客户对最终答复提出异议
event-refer = 转交外部机构
event-record-referral-outcome = 记录外部机构的决定
event-repeat-contact = 客户再次来电
event-handover = 交接班
event-resolve-on-first-contact = 首次联系即解决
event-attempt-follow-up = 回访尝试
event-reschedule-follow-up = 约定回访时间
event-complete-follow-up = 完成回访
event-give-up-follow-up = 放弃回访
event-close = 结案
event-personal-data-erased = 个人信息已删除
event-redact = 涂销个人文字

## Deadlines

deadline-first-response = 首次响应
deadline-judgment = 判定
deadline-investigation = 调查
deadline-callback-promised = 约定回电
deadline-first-contact = 首次联系
deadline-transfer-tracking = 转交跟踪
deadline-follow-up = 回访
deadline-final-response = 最终答复
deadline-summary-resolution = 简易处理
deadline-progress-update = 进度告知
deadline-referral = 外部机构期限

## Roles

role-agent = 客服专员
role-team-lead = 组长
role-supervisor = 主管
alarm-at-risk = 即将超时(已到预警时间)
alarm-breached = 已超时(已过到期时间)
outcome-upheld-by-body = 外部机构支持投诉
outcome-not-upheld = 外部机构不支持投诉
outcome-settled = 和解
outcome-withdrawn = 客户撤回
redaction-all-personal-text = 本投诉的全部个人文字

## Values of the forms

channel-phone = 电话
channel-online = 在线
channel-email = 电子邮件
channel-sms = 短信
channel-in-person = 当面
channel-letter = 信件
channel-other = 其他
severity-low = 低
severity-medium = 中
severity-high = 高
severity-critical = 紧急
method-phone = 电话
method-email = 电子邮件
method-sms = 短信
method-letter = 信件
method-in-person = 当面
method-other = 其他
root-cause-quality = 质量问题
root-cause-service = 服务问题
root-cause-logistics = 物流问题
root-cause-billing = 账务问题
root-cause-policy = 政策问题
root-cause-other = 其他
responsibility-direct = 直接责任人
responsibility-department-head = 部门主管
compensation-refund = 退款
compensation-cash = 现金
compensation-voucher = 代金券
compensation-discount = 折扣
compensation-replacement = 换货
compensation-repair = 维修
compensation-other = 其他
evaluation-effective = 有效
evaluation-partly-effective = 部分有效
evaluation-ineffective = 无效
satisfaction-satisfied = 满意
satisfaction-neutral = 一般
satisfaction-dissatisfied = 不满意

## Field labels

field-complainant = 投诉人
field-complainant-id = 客户编号
field-complainant-member = 会员
field-complainant-zone = 客户时区(与本公司不同时填写)
field-received-at = 投诉时间
field-channel = 渠道
field-content = 投诉内容
field-category = 类别
field-severity = 严重程度
field-responsible-department = 责任部门
field-investigation-due = 约定调查期限
field-reply = 给客户的答复
field-findings = 调查结果
field-findings-root-cause = 原因类别
field-findings-description = 具体原因
field-findings-responsible-parties = 责任人
field-findings-responsible-parties-person = 姓名
field-findings-responsible-parties-department = 部门
field-findings-responsible-parties-responsibility = 责任类型
field-options = 解决方案
field-options-description = 方案内容
field-options-compensation = 补偿(如有)
field-options-compensation-amount-minor = 金额(分)
field-options-compensation-currency = 币种(CNY、EUR……)
field-options-compensation-kind = 补偿方式
field-option = 方案
field-reason = 原因
field-target = 涂销范围
field-accountability = 责任处理
field-accountability-person = 责任人
field-accountability-rule = 依据规定
field-accountability-penalty = 处罚
field-notification = 通知客户
field-notification-method = 方式
field-notification-at = 时间
field-signature = 客户签字
field-signature-reference = 签字确认编号
field-signature-signed-at = 签字时间
field-feedback = 客户反馈意见
field-summary = 摘要
field-evaluation = 评价
field-improvement-actions = 改进措施(每行一条)
field-text = 备注
field-method = 方式
field-callback-due = 约定回电时间
field-owner = 负责人
field-department = 部门
field-tracking-due = 跟踪期限
field-party = 第三方
field-deadline = 期限
field-level = 预警
field-body = 外部机构
field-reference = 机构案件编号
field-body-due = 机构期限
field-body-due-at = 到期时间
field-outcome = 决定
field-due = 新的到期时间
field-to = 交给
field-note = 备注
field-remedy = 解决方案
field-remedy-description = 方案内容
field-remedy-compensation = 补偿(如有)
field-remedy-compensation-amount-minor = 金额(分)
field-remedy-compensation-currency = 币种(CNY、EUR……)
field-remedy-compensation-kind = 补偿方式
field-customer-acceptance = 客户确认
field-reached = 已联系到客户
field-at = 时间
field-customer-requested = 客户指定的时间
field-outcome = 回访结果
field-outcome-satisfaction = 满意度
field-outcome-text = 建议(满意时)或需改进之处

## 报表(日报、周报、月报:S1、S2、S4)

reports-title = 报表
reports-forbidden = 报表仅供组长和主管查看:客服专员不可查看。
report-no-such-file = 没有这个下载文件:可下载 s1.csv、s2.csv、s4.csv 或 breaches.csv。
report-period = 报表周期
report-period-day = 日报
report-period-week = 周报(ISO 周,周一至周日)
report-period-month = 月报
report-date = 周期内的日期
report-as-of-field = 期限判定时间(可不填)
report-as-of-help = RFC 3339 格式;不填即为当前时间。届时仍未完成的期限按截至该时间计为超时。
report-show = 查看
report-bad-period = “{ $value }”不是报表周期:请选择日、周或月。
report-bad-date = “{ $value }”不是可以出报表的日期:请按 年-月-日 填写(如 2026-11-23)。
report-bad-as-of = “{ $value }”不是时间:请按 RFC 3339 填写(如 2026-12-01T00:00:00Z)。
report-too-many = 该周期内有 { $count } 条投诉,一份报表最多读取 { $limit } 条。请选择较短的周期。
report-range = 自 { $start } 至 { $end }。
report-zone-note = 周期按您的时区(见设置)从零点到零点计算,不含结束时刻。
report-as-of = 期限判定时间:{ $time }。
report-download = 下载 CSV
report-none = 无。
report-count = 投诉数
report-value = 数值
report-s1-title = S1 顾客投诉分类统计表
report-s1-lead = 本周期内受理的投诉:
report-by-outcome = 按判定结果
report-by-category = 按类别
report-by-severity = 按严重程度
report-by-channel = 按渠道
report-by-department = 按责任部门(其余尚未确定)
report-by-root-cause = 按原因类别(其余尚未调查)
report-outcome-upheld = 成立
report-outcome-dismissed = 不成立
report-outcome-withdrawn = 已撤回
report-outcome-open = 处理中
report-time-to = 自受理至各环节的用时
report-reached = 已到达
report-median = 中位数
report-p90 = 第 90 百分位
report-recourse = 各类别中客户提出异议和转交外部机构的比例
report-disputed = 提出异议
report-referred = 转交外部机构
report-s2-title = S2 回访总结报告
report-s2-lead = 本周期内处理完毕或完成回访的投诉。
report-follow-up-measures = 回访覆盖
report-handled = 已处理的投诉
report-not-scheduled = 未安排回访
report-scheduled = 已安排回访
report-completed = 已完成
report-exhausted = 尝试次数已用完
report-pending = 待回访
report-members-handled = 已处理的会员投诉
report-coverage = 回访覆盖率(已完成/已处理)
report-member-coverage = 会员回访覆盖率(须达 100%)
report-attempts-per-completed = 每次完成的回访平均尝试次数
report-satisfaction = 满意度
report-improvement-points = 客户提出的改进之处
report-members-without-follow-up = 尚未完成回访的会员投诉
report-s4-title = S4 故障超时记录表
report-s4-lead = 本周期内到期的期限。
report-deadlines = 按期限
report-deadline = 期限
report-due = 到期
report-met-on-time = 按时完成
report-breached = 超时
report-met-late = 超时后完成
report-cancelled-late = 超时后取消
report-still-open = 仍未完成
report-cancelled = 已取消
report-worst-overdue = 最长超时
report-total-overdue = 超时合计
report-all = 全部
report-breached-by-kind = 各期限的超时次数
report-breach-list = 超时明细
report-overdue-by = 超时时长
report-state = 结果

## 回访日程

follow-ups-title = 回访日程
follow-ups-date = 日期
follow-ups-lead = 您负责的投诉中当天待回访的记录,按下次回访时间排列,同时显示您的时间和客户当地时间。
follow-ups-before = 前一天
follow-ups-after = 后一天
follow-ups-empty = 当天没有待回访的记录。
follow-ups-member = 会员
follow-ups-passed = 已过回访时间
follow-ups-agreed = 与客户约定

# 监管机构导出 (A5)
export-title = 导出给监管机构
export-html = 投诉档案 (HTML)
export-json = 数据包 (JSON)
export-forbidden = 导出仅供组长和主管使用:不为客服专员导出任何内容。
export-bad-dates = 请以 from=YYYY-MM-DD 和 to=YYYY-MM-DD 给出周期,结束日期不得早于开始日期。
export-too-long = 该周期共 { $days } 天;一次导出最多覆盖 { $limit } 天。请选择较短的周期。
export-too-many = 该周期内的投诉超过 { $limit } 条,即一次导出列出的上限。请选择较短的周期。

## The complaint page's checkpoint (supervisors, A1)

checkpoint-title = 签名检查点
checkpoint-version = 签名时的版本
checkpoint-at = 签名截至
checkpoint-key = 密钥
checkpoint-none = 尚无检查点为该处理记录签名。
checkpoint-verified = 处理记录与最近的检查点一致,验证通过。
checkpoint-mismatch = 处理记录与其检查点不符:检查点签名之后记录被改动过。
checkpoint-bad-signature = 检查点的签名无法验证:检查点本身被改动过。
checkpoint-unknown-key = 检查点所用的密钥不在本系统信任的密钥中,无法在此验证。
checkpoint-unreadable = 无法读取检查点。

## A stored history that does not check out

damaged-line = 处理记录核对不符
damaged-title = 处理记录核对不符
damaged-at-entry = 投诉 { $id } 存储的处理记录在第 { $sequence } 条记录处核对不符。
damaged-whole = 投诉 { $id } 存储的处理记录核对不符。
damaged-reason = 原因:
damaged-no-writes = 在处理记录修复之前,不会向该投诉写入任何内容;在此之前也无法在此查看或处理该投诉。
damaged-export = 下载其导出文件:按存储原样的处理记录,并指出断裂之处
report-left-out = 因存储的处理记录核对不符而未计入这些数字的投诉:{ $count } 条。
report-left-out-more = 另有 { $count } 条
