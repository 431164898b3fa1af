import type { Locator, Page } from "@playwright/test";
import { authFile, chooseOption, mutate, signUp, unique } from "./support";
import { expect, test } from "./test";

// Tall enough that the whole template fits: a drag near the window's edge would scroll the page under it.
test.use({ viewport: { width: 1280, height: 2400 } });

/** The steps' titles, top to bottom, as the list names its items ("Step 2: Diagnose the fault"). */
async function stepOrder(steps: Locator): Promise<string[]> {
  const names = await steps
    .getByRole("listitem")
    .evaluateAll((items) => items.map((item) => item.getAttribute("aria-label") ?? ""));
  return names.map((name) => name.replace(/^Step \d+: /, ""));
}

/** Opens the template of `choice` in the editor; a new organization's templates arrive just after sign-up. */
async function openTemplate(page: Page, choice: string) {
  await expect(async () => {
    await page.goto("/settings/workflow-templates");
    await expect(page.getByRole("combobox", { name: "Template" })).toBeVisible({ timeout: 2_000 });
    // Until they arrive the page says there are none (the combobox shows all the same).
    await expect(page.getByText("This organization has no workflow templates yet.")).toHaveCount(0, {
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });
  await chooseOption(page, page, "Template", choice);
  return page.getByRole("list", { name: "Template steps" });
}

/** Drags `handle` by the pointer until its item's middle is over `target`'s, in small moves as a hand would. */
async function dragOnto(page: Page, handle: Locator, item: Locator, target: Locator) {
  const [grip, from, to] = await Promise.all([
    handle.boundingBox(),
    item.boundingBox(),
    target.boundingBox(),
  ]);
  if (!grip || !from || !to) throw new Error("the step to drag or its target is not on the page");
  const start = { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
  const offset = to.y + to.height / 2 - (from.y + from.height / 2);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  // Past the few pixels that tell a drag from a click, then on in steps the sortable can follow.
  await page.mouse.move(start.x, start.y + 10, { steps: 2 });
  await page.mouse.move(start.x, start.y + offset, { steps: 20 });
  await page.mouse.up();
}

test("an admin reorders a template's steps by dragging and by keyboard, and saving makes a new version", async ({
  page,
}) => {
  // A sign-up of our own (its confirmation email read from the local outbox): templates nobody else edits.
  test.slow();
  const suffix = unique();
  await signUp(page, {
    organization: `Pied Piper ${suffix}`,
    name: "Monica Hall",
    email: `monica-${suffix}@piedpiper.test`,
    password: "middle-out-compression",
  });

  let steps = await openTemplate(page, "Repair (Repair)");
  await expect(page.getByText("Repair · version 1")).toBeVisible();
  expect(await stepOrder(steps)).toEqual([
    "Diagnose the fault",
    "Repair or send to the vendor",
    "Test and return to stock",
  ]);
  // A step's title is in a text box, not its text: the item is found by its name ("Step 1: <title>").
  const item = (title: string) => steps.getByRole("listitem", { name: new RegExp(`^Step \\d+: ${title}$`) });
  const announced = (text: string) => page.getByRole("status").filter({ hasText: text });

  // By pointer: the first step's grip dragged over the last step.
  const grip = steps.getByRole("button", { name: "Reorder step 1: Diagnose the fault" });
  await dragOnto(page, grip, item("Diagnose the fault"), steps.getByRole("listitem").nth(2));
  await expect
    .poll(() => stepOrder(steps))
    .toEqual(["Repair or send to the vendor", "Test and return to stock", "Diagnose the fault"]);
  await expect(announced('"Diagnose the fault" is now step 3 of 3.')).toBeAttached();
  // The step took its settings along: due 2 days after the start, as it was as step 1.
  await expect(
    steps
      .getByRole("listitem", { name: "Step 3: Diagnose the fault" })
      .getByRole("spinbutton", { name: "Due after (days)" }),
  ).toHaveValue("2");

  // By keyboard: the move buttons, focus staying on the step they moved.
  await steps.getByRole("button", { name: "Move step 3 up: Diagnose the fault" }).focus();
  await page.keyboard.press("Enter");
  await expect
    .poll(() => stepOrder(steps))
    .toEqual(["Repair or send to the vendor", "Diagnose the fault", "Test and return to stock"]);
  await expect(announced('"Diagnose the fault" is now step 2 of 3.')).toBeAttached();
  await expect(steps.getByRole("button", { name: "Move step 2 up: Diagnose the fault" })).toBeFocused();

  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("Repair saved as version 2")).toBeVisible();

  steps = await openTemplate(page, "Repair (Repair)");
  await expect(page.getByText("Repair · version 2")).toBeVisible();
  expect(await stepOrder(steps)).toEqual([
    "Repair or send to the vendor",
    "Diagnose the fault",
    "Test and return to stock",
  ]);
  await expect(steps.getByRole("textbox", { name: "Title" }).first()).toHaveValue(
    "Repair or send to the vendor",
  );
});

test.describe("in a laptop's window", () => {
  // Steps taller than half the window: the page scrolls as a step moves.
  test.use({ viewport: { width: 1280, height: 720 } });

  test("an admin reorders a template's steps with the keyboard on a step's grip, and Escape puts a step back", async ({
    page,
  }) => {
    test.slow();
    const suffix = unique();
    await signUp(page, {
      organization: `Hooli ${suffix}`,
      name: "Gavin Belson",
      email: `gavin-${suffix}@hooli.test`,
      password: "box-three-signature",
    });

    let steps = await openTemplate(page, "Repair (Repair)");
    await expect(page.getByText("Repair · version 1")).toBeVisible();
    const heard = (text: string) => page.getByRole("status").filter({ hasText: text });

    // Space lifts the first step, two arrows take it to the end, Space drops it there: each key
    // counts, typed as briskly as a person who knows the list.
    await steps.getByRole("button", { name: "Reorder step 1: Diagnose the fault" }).focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Space");
    await expect(heard('"Diagnose the fault" is now step 3 of 3.')).toBeAttached();
    expect(await stepOrder(steps)).toEqual([
      "Repair or send to the vendor",
      "Test and return to stock",
      "Diagnose the fault",
    ]);
    // The keyboard stays on the step that moved.
    const grip = steps.getByRole("button", { name: "Reorder step 3: Diagnose the fault" });
    await expect(grip).toBeFocused();

    // Lifted again, moved up, then put back with Escape: it stays last.
    await page.keyboard.press("Enter");
    await expect(heard('Picked up step 3 of 3, "Diagnose the fault".')).toBeAttached();
    await page.keyboard.press("ArrowUp");
    await expect(heard('"Diagnose the fault" would become step 2 of 3.')).toBeAttached();
    await page.keyboard.press("Escape");
    await expect(heard('Reordering cancelled: "Diagnose the fault" stays step 3 of 3.')).toBeAttached();
    expect(await stepOrder(steps)).toEqual([
      "Repair or send to the vendor",
      "Test and return to stock",
      "Diagnose the fault",
    ]);
    await expect(grip).toBeFocused();

    await page.getByRole("button", { name: "Save as a new version" }).click();
    await expect(page.getByText("Repair saved as version 2")).toBeVisible();

    steps = await openTemplate(page, "Repair (Repair)");
    await expect(page.getByText("Repair · version 2")).toBeVisible();
    expect(await stepOrder(steps)).toEqual([
      "Repair or send to the vendor",
      "Test and return to stock",
      "Diagnose the fault",
    ]);
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: authFile("admin") });

  test("a category's custom fields are reordered by keyboard in their dialog, which Escape does not close mid-move", async ({
    page,
  }) => {
    const name = `E2E Monitors ${unique()}`;
    const category = await mutate<{ id: string }>(page.request, "reference.category.create", { name });
    for (const label of ["Screen size", "Panel type", "Refresh rate"]) {
      await mutate(page.request, "reference.category.addField", {
        categoryId: category.id,
        label,
        type: "text",
      });
    }
    await page.goto("/settings/categories");
    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Custom fields…" }).click();
    const dialog = page.getByRole("dialog", { name: `Custom fields of ${name}` });
    const fields = dialog.getByRole("list", { name: `Custom fields of ${name}` });
    // Each field's item is marked with its key (made from its label).
    const order = () =>
      fields
        .getByRole("listitem")
        .evaluateAll((items) => items.map((item) => item.getAttribute("data-testid")));

    const grip = dialog.getByRole("button", { name: "Reorder field 1: Screen size" });
    await grip.focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowDown");
    await expect(
      page.getByRole("status").filter({ hasText: '"Screen size" would become field 2 of 3.' }),
    ).toBeAttached();
    await page.keyboard.press("Escape");
    await expect(
      page.getByRole("status").filter({ hasText: 'Reordering cancelled: "Screen size" stays field 1 of 3.' }),
    ).toBeAttached();
    await expect(dialog).toBeVisible();
    expect(await order()).toEqual(["field-screen_size", "field-panel_type", "field-refresh_rate"]);

    const heard = (text: string) => page.getByRole("status").filter({ hasText: text });
    await grip.focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    // Each key acts on where the list is once the last move has landed, as a person hears it.
    await expect(heard('"Screen size" would become field 2 of 3.')).toBeAttached();
    await page.keyboard.press("ArrowDown");
    await expect(heard('"Screen size" would become field 3 of 3.')).toBeAttached();
    await page.keyboard.press("Space");
    await expect.poll(order).toEqual(["field-panel_type", "field-refresh_rate", "field-screen_size"]);
    await expect(dialog.getByRole("button", { name: "Reorder field 3: Screen size" })).toBeFocused();
    await dialog.getByRole("button", { name: "Done" }).click();

    // Saved: the categories list, and asset forms, show the fields in the new order.
    await page.reload();
    await expect(page.getByTestId(`category-${name}`)).toContainText("Panel type, Refresh rate, Screen size");
  });
});
