import { z } from "zod";
import { can } from "../roles";
import { router, tenantProcedure } from "../trpc";
import { storageUsage } from "./queries";
import {
  AttachFilesInput,
  DeleteFileInput,
  FileListItem,
  FileUsage,
  ListFilesInput,
  RenameFileInput,
} from "./schemas";
import { attachFiles } from "./services/attach-files";
import { deleteFile } from "./services/delete-file";
import { listFiles } from "./services/list-files";
import { renameFile } from "./services/rename-file";

const read = tenantProcedure(can.readTenant);
const write = tenantProcedure(can.manageAssets);

/** Files attached to records. Uploads and downloads are route handlers (app/api/files). */
export const filesRouter = router({
  list: read
    .input(ListFilesInput)
    .output(z.array(FileListItem))
    .query(({ ctx, input }) => listFiles(ctx, input)),
  attach: write
    .input(AttachFilesInput)
    .output(z.array(FileListItem))
    .mutation(({ ctx, input }) => attachFiles(ctx, input)),
  rename: write
    .input(RenameFileInput)
    .output(FileListItem)
    .mutation(({ ctx, input }) => renameFile(ctx, input)),
  delete: write
    .input(DeleteFileInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => deleteFile(ctx, input)),
  usage: read.output(FileUsage).query(({ ctx }) => storageUsage(ctx.db, ctx.tenantId)),
});
